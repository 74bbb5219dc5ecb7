/**
 * The confusion matrix (the lecture's 混合行列) as its Predict() builds it: `result[i][ans] += 1`,
 * so rows are the true class and columns the predicted class, and the correct count (正解数) is the
 * trace, `np.trace(result)`.
 */
import { EvaluationError } from './errors'

export type ConfusionMatrix = number[][]

function checkClass(fn: string, what: string, value: number, index: number, classCount: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= classCount) {
    throw new EvaluationError(
      `${fn}: ${what} of sample ${index} is ${value}, expected an integer class index in [0, ${classCount - 1}]`,
    )
  }
}

export function checkLabels(
  fn: string,
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): void {
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new EvaluationError(`${fn}: the class count must be a positive integer, got ${classCount}`)
  }
  if (labels.length !== predicted.length) {
    throw new EvaluationError(
      `${fn}: ${labels.length} true labels but ${predicted.length} predictions; pass one prediction per sample`,
    )
  }
  for (let i = 0; i < labels.length; i++) {
    checkClass(fn, 'the true label', labels[i], i, classCount)
    checkClass(fn, 'the prediction', predicted[i], i, classCount)
  }
}

/** Counts (true class, predicted class) pairs: rows = true class, columns = predicted class. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): ConfusionMatrix {
  checkLabels('confusionMatrix', labels, predicted, classCount)
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0))
  for (let i = 0; i < labels.length; i++) matrix[labels[i]][predicted[i]] += 1
  return matrix
}

/** The correct count, 正解数: the trace of the matrix. */
export function correctCount(matrix: ConfusionMatrix): number {
  let sum = 0
  for (let i = 0; i < matrix.length; i++) sum += matrix[i][i]
  return sum
}

export function totalCount(matrix: ConfusionMatrix): number {
  let sum = 0
  for (const row of matrix) for (const v of row) sum += v
  return sum
}

/** The sample indices in one cell (true class `trueClass`, predicted `predictedClass`), ascending. */
export function samplesInCell(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  trueClass: number,
  predictedClass: number,
): number[] {
  const indices: number[] = []
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === trueClass && predicted[i] === predictedClass) indices.push(i)
  }
  return indices
}
