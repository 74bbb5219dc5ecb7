import { npzToStateDict, type StateDict } from '../../../../engine'
import type { ClassificationEvaluation } from '../../../../shared/evaluation'
import { type FigureLanguage, type Fingerprint, figureText } from '../../../../shared/figures'
import type { RunFigure, RunFigures } from '../../../../shared/ipc/lab-types'
import { activateKernels } from '../../../../worker/kernels'
import type { RunFolder } from '../../runs'
import { evaluateRun } from '../evaluate-run'
import type { ResultsContext } from '../run-context'
import { type EvalSet, loadRunData } from '../run-data'
import { loadRunNetwork } from '../run-network'
import { confusionFigure } from './confusion-figure'
import { curveFigures, type MetricsSource } from './curve-figures'
import { featureMapFigure, reconstructionFigure, recombinationFigure } from './sample-figures'
import { type TileNormalisation, weightFigures } from './weight-figures'

/**
 * Every figure a run's task allows, as SVG strings (src/shared/figures, the same builders the app
 * shows) with their numbers (CSV, JSON): loss and accuracy curves, the confusion matrix (from
 * evaluation.json, or evaluated now), the first layer's weights as tiles, reconstructions or the
 * recombined colour images, feature maps. `dllab figures` writes these SVGs (and PNGs rendered from
 * them), and the app shows and exports the same strings. Figures that need images load the run's test
 * set (cached in the workspace after the first time). Titles, axes, legends and notes are in the
 * language asked for (src/shared/figures/figure-text.ts); the numbers (CSV, JSON) are the same in
 * every language.
 */
export interface RunFiguresOptions {
  /** Weight tiles: each on its own range (default), or one range for all. */
  normalise?: TileNormalisation
  /** The language of the figures' text (default English). */
  language?: FigureLanguage
}

async function weightsOf(run: RunFolder): Promise<StateDict | undefined> {
  try {
    return npzToStateDict(await run.readWeights()).tensors
  } catch {
    return undefined
  }
}

export async function buildRunFigures(
  ctx: ResultsContext,
  run: RunFolder,
  options: RunFiguresOptions = {},
): Promise<RunFigures> {
  // One thread: this runs in the app's main process (or the CLI), beside the training processes.
  await activateKernels('wasm', 1)
  const experiment = await run.readExperiment()
  const model = await ctx.modelOf(experiment)
  const task = experiment.task
  const words = figureText(options.language)
  const fingerprint: Fingerprint = { runId: run.id, seed: experiment.training.seed, seedLabel: words.seed }
  const figures: RunFigure[] = []
  const notes: string[] = []

  const sources: MetricsSource[] =
    task.kind === 'per-channel-autoencode'
      ? await Promise.all(
          task.channels.map(async (c) => ({ label: c, lines: await run.child(c).readMetrics() })),
        )
      : [{ label: '', lines: await run.readMetrics() }]
  const curves = curveFigures(sources, experiment.training.loss, fingerprint, words)
  if (curves.length === 0) notes.push(words.notes.noCurves)
  figures.push(...curves)

  let data: EvalSet | undefined
  const loadData = async () => (data ??= (await loadRunData(ctx, experiment)).set)

  if (task.kind === 'classify' || task.kind === 'pretrain-stack') {
    let classification: ClassificationEvaluation | undefined = (await run.readEvaluation())?.classification
    // The set's English name goes into the numbers; its name in `language` into the figure.
    let split = { en: figureText('en').splitName('evaluation'), shown: words.splitName('evaluation') }
    if (!classification) {
      const evaluated = await evaluateRun(ctx, run)
      classification = evaluated.classification
      data = evaluated.set
      const { label, split: kind } = evaluated.set
      split = { en: label, shown: kind === 'folder' ? label : words.splitName(kind) }
      notes.push(words.notes.computedNow(split.shown))
    }
    if (classification) figures.push(confusionFigure(classification, split, fingerprint, words))
  }

  const weights = await weightsOf(run)
  if (!weights) notes.push(words.notes.noWeights)
  const normalise = options.normalise ?? 'tile'
  if (weights && task.kind === 'per-channel-autoencode') {
    for (const c of task.channels)
      figures.push(...weightFigures(model, experiment, weights, fingerprint, words, `${c}.`, normalise))
    figures.push(...(await recombinationFigure(run, experiment, model, await loadData(), fingerprint, words)))
  } else if (weights) {
    figures.push(...weightFigures(model, experiment, weights, fingerprint, words, '', normalise))
    const { network } = await loadRunNetwork(ctx, run)
    if (task.kind === 'autoencode') {
      figures.push(...reconstructionFigure(network, experiment, await loadData(), fingerprint, words))
    } else if (model.layers.some((l) => l.type === 'conv2d')) {
      figures.push(...featureMapFigure(network, await loadData(), fingerprint, words))
    }
  }
  return { figures, notes }
}
