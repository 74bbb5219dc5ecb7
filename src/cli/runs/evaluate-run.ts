import {
  type ClassificationEvaluation,
  evaluateClassification,
  type ReconstructionEvaluation,
} from '../../shared/evaluation'
import type { RunFolder } from '../../main/services/runs'
import { reconstructionOf } from '../../worker/training/final-evaluation'
import type { CliContext } from '../context'
import { CliError } from '../errors'
import { classScores64 } from './class-scores'
import { loadRunData, type EvalSet } from './run-data'
import { loadRunNetwork, type RunNetwork } from './run-network'

/**
 * A run's network evaluated now, on its test set or on a folder: for a classifier (classify,
 * pretrain-stack) the confusion matrix and correct count as the lecture's Predict() computes them
 * (argmax of each output row, its final activation in float64 as NumPy computes it: class-scores.ts);
 * for an autoencoder the reconstruction error. The same functions write evaluation.json at the end of
 * training, so on the run's own test set the numbers agree (for a classifier whose float32 outputs
 * saturate, evaluation.json's argmax may differ where the outputs tie; this one is the lecture's).
 */
export interface RunEvaluation {
  net: RunNetwork
  set: EvalSet
  classification?: ClassificationEvaluation
  reconstruction?: ReconstructionEvaluation
}

export interface EvaluateRunOptions {
  workspace: string
  dataDir?: string
  perClass?: number
}

export async function evaluateRun(
  ctx: CliContext,
  run: RunFolder,
  options: EvaluateRunOptions,
): Promise<RunEvaluation> {
  const net = await loadRunNetwork(ctx, run)
  const { set } = await loadRunData(ctx, net.experiment, options)
  const predict = (x: Parameters<typeof net.network.predict>[0]) => net.network.predict(x)
  const batch = net.experiment.training.evalBatchSize
  const kind = net.experiment.task.kind
  if (kind === 'classify' || kind === 'pretrain-stack') {
    const outputs = net.network.outputShape.reduce((a, b) => a * b, 1)
    if (set.classes.length !== outputs) {
      throw new CliError(
        `${set.label} has ${set.classes.length} classes (${set.classes.slice(0, 12).join(', ')}` +
          `${set.classes.length > 12 ? ', …' : ''}) but run ${run.id}'s network has ${outputs} outputs; ` +
          `evaluate it on data with the classes it was trained on`,
      )
    }
    const scores = classScores64(net.network, { ...set, count: set.labels.length }, outputs, batch)
    const classification = evaluateClassification({ classes: set.classes, labels: set.labels, scores })
    return { net, set, classification }
  }
  return { net, set, reconstruction: reconstructionOf(predict, set, batch).evaluation }
}
