/**
 * Per-class precision, recall and F1 from a confusion matrix (rows = true, columns = predicted):
 *   precision_k = C[k][k] / Σ_i C[i][k]   (of the samples predicted k, the share that are k)
 *   recall_k    = C[k][k] / Σ_j C[k][j]   (of the samples of class k, the share found)
 *   F1_k        = 2·P·R / (P + R)
 * A zero denominator gives 0 and clears the matching `…Defined` flag (scikit-learn's
 * zero_division=0), so evaluation.json never holds NaN. Macro averages are plain means over all
 * classes, undefined ones counted as 0.
 */
import type { ConfusionMatrix } from './confusion'

export interface ClassMetrics {
  readonly classIndex: number
  readonly className: string
  /** Samples whose true class is this one (row sum). */
  readonly support: number
  /** Samples predicted as this class (column sum). */
  readonly predictedCount: number
  readonly truePositives: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
  /** False when nothing was predicted as this class (precision 0 by convention). */
  readonly precisionDefined: boolean
  /** False when the class has no samples (recall 0 by convention). */
  readonly recallDefined: boolean
  /** False when precision + recall = 0 or either is undefined (F1 0 by convention). */
  readonly f1Defined: boolean
}

export interface MacroAverages {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

export function perClassMetrics(matrix: ConfusionMatrix, classNames: readonly string[]): ClassMetrics[] {
  const n = matrix.length
  return Array.from({ length: n }, (_, k) => {
    let support = 0
    let predictedCount = 0
    for (let j = 0; j < n; j++) support += matrix[k][j]
    for (let i = 0; i < n; i++) predictedCount += matrix[i][k]
    const tp = matrix[k][k]
    const precisionDefined = predictedCount > 0
    const recallDefined = support > 0
    const precision = precisionDefined ? tp / predictedCount : 0
    const recall = recallDefined ? tp / support : 0
    const f1Defined = precisionDefined && recallDefined && precision + recall > 0
    const f1 = f1Defined ? (2 * precision * recall) / (precision + recall) : 0
    return {
      classIndex: k,
      className: classNames[k],
      support,
      predictedCount,
      truePositives: tp,
      precision,
      recall,
      f1,
      precisionDefined,
      recallDefined,
      f1Defined,
    }
  })
}

export function macroAverages(metrics: readonly ClassMetrics[]): MacroAverages {
  const n = metrics.length
  if (n === 0) return { precision: 0, recall: 0, f1: 0 }
  let p = 0
  let r = 0
  let f = 0
  for (const m of metrics) {
    p += m.precision
    r += m.recall
    f += m.f1
  }
  return { precision: p / n, recall: r / n, f1: f / n }
}
