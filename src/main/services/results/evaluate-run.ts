import {
  type ClassificationEvaluation,
  evaluateClassification,
  type ReconstructionEvaluation,
} from '../../../shared/evaluation'
import { classScores64 } from '../../../worker/training'
import { reconstructionOf } from '../../../worker/training/final-evaluation'
import type { RunFolder } from '../runs'
import { ResultsError } from './errors'
import type { ResultsContext } from './run-context'
import { type EvalSet, loadRunData, type RunDataOptions } from './run-data'
import { loadRunNetwork, type RunNetwork } from './run-network'

/**
 * A run's network evaluated now, on its test set or on a folder: for a classifier (classify,
 * pretrain-stack) the confusion matrix and correct count as the lecture's Predict() computes them
 * (argmax of each output row, its final activation in float64: classScores64, the function the
 * worker's evaluation.json uses too, so on the run's own test set the numbers agree); for an
 * autoencoder the reconstruction error.
 */
export interface RunEvaluation {
  net: RunNetwork
  set: EvalSet
  classification?: ClassificationEvaluation
  reconstruction?: ReconstructionEvaluation
  /** The classifier's scores (samples × classes), float64. */
  scores?: Float64Array
}

export interface EvaluateRunOptions extends RunDataOptions {
  /** pretrain-stack: 'finetune' (default) or 'scratch' (run-network.ts). */
  stage?: string
}

/** Throws when the set's classes do not match the network's outputs. */
export function checkClassCount(net: RunNetwork, set: EvalSet, runId: string): number {
  const outputs = net.network.outputShape.reduce((a, b) => a * b, 1)
  if (set.classes.length !== outputs) {
    throw new ResultsError(
      `${set.label} has ${set.classes.length} classes (${set.classes.slice(0, 12).join(', ')}` +
        `${set.classes.length > 12 ? ', …' : ''}) but run ${runId}'s network has ${outputs} outputs; ` +
        `evaluate it on data with the classes it was trained on`,
    )
  }
  return outputs
}

export async function evaluateRun(
  ctx: ResultsContext,
  run: RunFolder,
  options: EvaluateRunOptions = {},
): Promise<RunEvaluation> {
  const net = await loadRunNetwork(ctx, run, options.stage)
  const { set } = await loadRunData(ctx, net.experiment, options)
  const batch = net.experiment.training.evalBatchSize
  const kind = net.experiment.task.kind
  if (kind === 'classify' || kind === 'pretrain-stack') {
    const outputs = checkClassCount(net, set, run.id)
    const scores = classScores64(net.network, set, outputs, batch)
    const classification = evaluateClassification({ classes: set.classes, labels: set.labels, scores })
    return { net, set, classification, scores }
  }
  const predict = (x: Parameters<typeof net.network.predict>[0]) => net.network.predict(x)
  return { net, set, reconstruction: reconstructionOf(predict, set, batch).evaluation }
}
