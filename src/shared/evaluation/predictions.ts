/**
 * Predicted classes from score rows: the lecture's `ans = np.argmax(outunit.out[0])`, one row per
 * sample. Like NumPy's argmax, a tie goes to the first (lowest) class index; NaN scores never win.
 * The confidence of a prediction is the winning score as the network gave it (a softmax
 * probability, or the sigmoid output of the lecture's networks).
 *
 * scores (samples × classes, row-major) → predicted (samples), confidence (samples)
 */
import { EvaluationError } from './errors'

export interface ScoreRows {
  /** Row-major (samples × classes). */
  readonly data: ArrayLike<number>
  readonly classCount: number
}

export interface Predictions {
  readonly predicted: Int32Array
  readonly confidence: Float64Array
}

export function argmaxRows(scores: ScoreRows): Predictions {
  const { data, classCount } = scores
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new EvaluationError(`argmaxRows: classCount must be a positive integer, got ${classCount}`)
  }
  if (data.length % classCount !== 0) {
    throw new EvaluationError(
      `argmaxRows: ${data.length} scores do not split into rows of ${classCount} classes; ` +
        'pass the output layer of every sample, (samples × classes) row-major',
    )
  }
  const samples = data.length / classCount
  const predicted = new Int32Array(samples)
  const confidence = new Float64Array(samples)
  for (let s = 0; s < samples; s++) {
    const row = s * classCount
    let best = 0
    let bestScore = Number.NEGATIVE_INFINITY
    let found = false
    for (let c = 0; c < classCount; c++) {
      const v = data[row + c]
      if (v !== v) continue
      if (!found || v > bestScore) {
        best = c
        bestScore = v
        found = true
      }
    }
    predicted[s] = best
    confidence[s] = found ? bestScore : Number.NaN
  }
  return { predicted, confidence }
}
