import { requireLength } from './check'

/**
 * Fused softmax cross-entropy on logits, numerically stable (the readable JS reference).
 *
 *   logits z (rows × cols), targets t (rows × cols): one-hot or soft rows, each summing to 1
 *   per row   m = max_j z_j,  s = Σ_j exp(z_j − m)               (1 ≤ s ≤ cols: never overflows)
 *             log softmax(z)_j = (z_j − m) − log s                  (exact 0 − log s at the maximum)
 *             loss_row = −Σ_j t_j log softmax(z)_j
 *   returns   Σ_rows loss_row                                       (a sum, not a mean)
 *   writes    dLogits_j = (softmax(z)_j − t_j) · scale              (caller's reduction via scale)
 *
 * (softmax − t) is the exact gradient when each target row sums to 1 (one-hot or a distribution).
 * Terms with t_j = 0 are skipped, so a logit of −∞ with target 0 contributes 0, not NaN.
 * Arithmetic is in float64 (JS numbers); dLogits is written once per element, so it may alias
 * logits (each value is read before it is overwritten). No allocation.
 */
export function softmaxCrossEntropy(
  dLogits: Float32Array,
  logits: Float32Array,
  targets: Float32Array,
  rows: number,
  cols: number,
  scale: number,
): number {
  const size = rows * cols
  requireLength('softmaxCrossEntropy', 'logits', logits, size, '(rows × cols)')
  requireLength('softmaxCrossEntropy', 'targets', targets, size, '(rows × cols)')
  requireLength('softmaxCrossEntropy', 'dLogits', dLogits, size, '(rows × cols)')
  let total = 0
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    let max = -Infinity
    for (let j = 0; j < cols; j++) {
      const z = logits[o + j]!
      if (z > max) max = z
    }
    let sum = 0
    for (let j = 0; j < cols; j++) sum += Math.exp(logits[o + j]! - max)
    const logSum = Math.log(sum)
    for (let j = 0; j < cols; j++) {
      const logP = logits[o + j]! - max - logSum
      const t = targets[o + j]!
      if (t !== 0) total -= t * logP
      dLogits[o + j] = (Math.exp(logP) - t) * scale
    }
  }
  return total
}
