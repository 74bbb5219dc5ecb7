/**
 * The misclassified samples, most confident mistakes first: for each sample whose prediction is
 * not its true label, the confidence of the (wrong) prediction and the score the network gave the
 * true class. Sorted by confidence descending, ties by sample index ascending, so the list is the
 * same on every run. Without scores, confidences are null and the order is by sample index.
 */
import { EvaluationError } from './errors'

export interface MisclassifiedSample {
  /** Position of the sample in the evaluated set (the caller maps it to a file). */
  readonly index: number
  readonly label: number
  readonly predicted: number
  /** Score of the predicted class, or null when only class indices were given. */
  readonly confidence: number | null
  /** Score of the true class, or null when only class indices were given. */
  readonly labelScore: number | null
}

export interface MisclassifiedOptions {
  readonly labels: ArrayLike<number>
  readonly predicted: ArrayLike<number>
  /** Score rows (samples × classCount), row-major; optional. */
  readonly scores?: ArrayLike<number>
  readonly classCount: number
  /** Keep the first `limit` after sorting; all when omitted. */
  readonly limit?: number
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null
}

export function misclassifiedSamples(options: MisclassifiedOptions): MisclassifiedSample[] {
  const { labels, predicted, scores, classCount, limit } = options
  if (scores && scores.length !== labels.length * classCount) {
    throw new EvaluationError(
      `misclassifiedSamples: expected ${labels.length} × ${classCount} = ${labels.length * classCount} scores, ` +
        `got ${scores.length}`,
    )
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new EvaluationError(`misclassifiedSamples: limit must be a non-negative integer, got ${limit}`)
  }
  const wrong: MisclassifiedSample[] = []
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]
    const guess = predicted[i]
    if (label === guess) continue
    wrong.push({
      index: i,
      label,
      predicted: guess,
      confidence: scores ? finiteOrNull(scores[i * classCount + guess]) : null,
      labelScore: scores ? finiteOrNull(scores[i * classCount + label]) : null,
    })
  }
  wrong.sort((a, b) => {
    const ca = a.confidence ?? Number.NEGATIVE_INFINITY
    const cb = b.confidence ?? Number.NEGATIVE_INFINITY
    return ca !== cb ? cb - ca : a.index - b.index
  })
  return limit === undefined ? wrong : wrong.slice(0, limit)
}
