import { npzToStateDict, type StateDict } from '../../engine'
import type { ClassificationEvaluation } from '../../shared/evaluation'
import { buildConfusionMatrixSvg, type Fingerprint } from '../../shared/figures'
import type { NamedFigure } from '../../main/services/figures'
import type { RunFolder } from '../../main/services/runs'
import { activateKernels } from '../../worker/kernels'
import type { CliContext } from '../context'
import { evaluateRun } from '../runs/evaluate-run'
import { type EvalSet, loadRunData } from '../runs/run-data'
import { loadRunNetwork } from '../runs/run-network'
import { curveFigures, type MetricsSource } from './curve-figures'
import { featureMapFigure, reconstructionFigure, recombinationFigure } from './sample-figures'
import { weightFigures } from './weight-figures'

/**
 * Every figure a run's task allows, as SVG strings (src/shared/figures, the same builders the app
 * shows): loss and accuracy curves, the confusion matrix (from evaluation.json, or evaluated now), the
 * first layer's weights as tiles, reconstructions or the recombined colour images, feature maps.
 * Figures that need images load the run's test set (cached in the workspace after the first time).
 */
export interface RunFigures {
  figures: NamedFigure[]
  /** Why an expected figure is missing ("no metrics yet"). */
  notes: string[]
}

async function weightsOf(run: RunFolder): Promise<StateDict | undefined> {
  try {
    return npzToStateDict(await run.readWeights()).tensors
  } catch {
    return undefined
  }
}

export async function buildRunFigures(
  ctx: CliContext,
  run: RunFolder,
  workspace: string,
): Promise<RunFigures> {
  await activateKernels()
  const experiment = await run.readExperiment()
  const model = await ctx.modelOf(experiment)
  const task = experiment.task
  const fingerprint: Fingerprint = { runId: run.id, seed: experiment.training.seed }
  const figures: NamedFigure[] = []
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
  const loadData = async () => (data ??= (await loadRunData(ctx, experiment, { workspace })).set)

  if (task.kind === 'classify' || task.kind === 'pretrain-stack') {
    let classification: ClassificationEvaluation | undefined = (await run.readEvaluation())?.classification
    let split = 'test set'
    if (!classification) {
      const evaluated = await evaluateRun(ctx, run, { workspace })
      classification = evaluated.classification
      data = evaluated.set
      split = evaluated.set.label
      notes.push(`the confusion matrix was computed now on ${split} (the run has no evaluation.json)`)
    }
    if (classification) {
      figures.push({
        name: 'confusion-matrix',
        svg: buildConfusionMatrixSvg({
          title: `Confusion matrix (${split})`,
          matrix: classification.confusion,
          classes: classification.classes,
          fingerprint,
        }),
      })
    }
  }

  const weights = await weightsOf(run)
  if (!weights) notes.push('no weight tiles or samples: the run has no weights.npz yet')
  if (weights && task.kind === 'per-channel-autoencode') {
    for (const c of task.channels)
      figures.push(...weightFigures(model, experiment, weights, fingerprint, `${c}.`))
    figures.push(...(await recombinationFigure(run, experiment, model, await loadData(), fingerprint)))
  } else if (weights) {
    figures.push(...weightFigures(model, experiment, weights, fingerprint))
    const { network } = await loadRunNetwork(ctx, run)
    if (task.kind === 'autoencode') {
      figures.push(...reconstructionFigure(network, experiment, await loadData(), fingerprint))
    } else if (model.layers.some((l) => l.type === 'conv2d')) {
      figures.push(...featureMapFigure(network, await loadData(), fingerprint))
    }
  }
  return { figures, notes }
}
