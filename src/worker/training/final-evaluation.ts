import { BatchBuffer, type Shape, type Tensor } from '../../engine'
import {
  type ClassificationEvaluation,
  evaluateClassification,
  type ReconstructionEvaluation,
  reconstructionError,
} from '../../shared/evaluation'
import { classScores64 } from './class-scores'
import { outputsOf } from './evaluate'
import type { TaskNetwork } from './network'
import { argmaxRow, range } from './targets'
import type { TrainingPreview } from './types'

/**
 * evaluation.json's numbers for a finished network, by src/shared/evaluation: the confusion matrix,
 * the correct count (正解数), accuracy, per-class numbers and the most confident mistakes for a
 * classifier (scores are probabilities: the final activation, a softmax left out for training put
 * back, applied in float64 by class-scores.ts, as `dllab eval` and the app apply it); the
 * reconstruction error overall and per sample for an autoencoder (target: the clean input).
 */
export interface EvaluationSet {
  x: Float32Array
  labels: Int32Array
  sampleShape: Shape
}

/** The classifier's numbers from its float64 scores (class-scores.ts: the same argmax as `dllab eval`). */
export function classificationOf(
  network: TaskNetwork,
  set: EvaluationSet,
  classes: readonly string[],
  batchSize: number,
): ClassificationEvaluation {
  const scores = classScores64(network, set, classes.length, batchSize)
  return evaluateClassification({ classes, labels: set.labels, scores })
}

export function reconstructionOf(
  predict: (x: Tensor) => Tensor,
  set: EvaluationSet,
  batchSize: number,
): { evaluation: ReconstructionEvaluation; outputs: Float32Array } {
  const features = set.sampleShape.reduce((a, b) => a * b, 1)
  const outputs = outputsOf(predict, set, features, batchSize)
  const evaluation = reconstructionError({ target: set.x, output: outputs, samples: set.labels.length })
  return { evaluation, outputs }
}

/** The first `count` samples of a set and what the network makes of them. */
export function previewOf(
  kind: 'predictions' | 'reconstructions',
  predict: (x: Tensor) => Tensor,
  set: EvaluationSet,
  count: number,
  stage: string,
  epoch: number,
): TrainingPreview | undefined {
  const n = Math.min(count, set.labels.length)
  if (n < 1) return undefined
  const indices = range(0, n)
  const x = new BatchBuffer(n, set.sampleShape).gather(set.x, indices)
  const y = predict(x)
  const cols = y.size / n
  const list = Array.from(indices)
  if (kind === 'predictions') {
    return {
      kind,
      stage,
      epoch,
      indices: list,
      labels: list.map((i) => set.labels[i]!),
      predicted: list.map((k) => argmaxRow(y.data, k, cols)),
      scores: list.map((k) => Array.from(y.data.subarray(k * cols, (k + 1) * cols))),
    }
  }
  return {
    kind,
    stage,
    epoch,
    sampleShape: [...set.sampleShape],
    indices: list,
    inputs: list.map((k) => x.data.slice(k * cols, (k + 1) * cols)),
    outputs: list.map((k) => y.data.slice(k * cols, (k + 1) * cols)),
  }
}
