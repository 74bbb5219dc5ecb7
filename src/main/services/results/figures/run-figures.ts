import { npzToStateDict, type StateDict } from '../../../../engine'
import type { ClassificationEvaluation } from '../../../../shared/evaluation'
import type { Fingerprint } from '../../../../shared/figures'
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
 * set (cached in the workspace after the first time).
 */
export interface RunFiguresOptions {
  /** Weight tiles: each on its own range (default), or one range for all. */
  normalise?: TileNormalisation
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
  const fingerprint: Fingerprint = { runId: run.id, seed: experiment.training.seed }
  const figures: RunFigure[] = []
  const notes: string[] = []

  const sources: MetricsSource[] =
    task.kind === 'per-channel-autoencode'
      ? await Promise.all(
          task.channels.map(async (c) => ({ label: c, lines: await run.child(c).readMetrics() })),
        )
      : [{ label: '', lines: await run.readMetrics() }]
  const curves = curveFigures(sources, experiment.training.loss, fingerprint)
  if (curves.length === 0) notes.push('no loss curves: the run has no epoch in metrics.jsonl')
  figures.push(...curves)

  let data: EvalSet | undefined
  const loadData = async () => (data ??= (await loadRunData(ctx, experiment)).set)

  if (task.kind === 'classify' || task.kind === 'pretrain-stack') {
    let classification: ClassificationEvaluation | undefined = (await run.readEvaluation())?.classification
    let split = 'test set'
    if (!classification) {
      const evaluated = await evaluateRun(ctx, run)
      classification = evaluated.classification
      data = evaluated.set
      split = evaluated.set.label
      notes.push(`the confusion matrix was computed now on ${split} (the run has no evaluation.json)`)
    }
    if (classification) figures.push(confusionFigure(classification, split, fingerprint))
  }

  const weights = await weightsOf(run)
  if (!weights) notes.push('no weight tiles or samples: the run has no weights.npz yet')
  const normalise = options.normalise ?? 'tile'
  if (weights && task.kind === 'per-channel-autoencode') {
    for (const c of task.channels)
      figures.push(...weightFigures(model, experiment, weights, fingerprint, `${c}.`, normalise))
    figures.push(...(await recombinationFigure(run, experiment, model, await loadData(), fingerprint)))
  } else if (weights) {
    figures.push(...weightFigures(model, experiment, weights, fingerprint, '', normalise))
    const { network } = await loadRunNetwork(ctx, run)
    if (task.kind === 'autoencode') {
      figures.push(...reconstructionFigure(network, experiment, await loadData(), fingerprint))
    } else if (model.layers.some((l) => l.type === 'conv2d')) {
      figures.push(...featureMapFigure(network, await loadData(), fingerprint))
    }
  }
  return { figures, notes }
}
