import type { ActivationName } from '../../engine'

/**
 * A classifier's final activation applied in float64, as NumPy applies it to the lecture's networks:
 * `np.argmax(outunit.out[0])` ranks float64 outputs. In float32 a saturated sigmoid rounds several
 * outputs to exactly 1 (u = 31.9 and u = 34.1 both give 1.0f) and argmax would pick the first of the
 * tie, while float64 still tells them apart. So networks run in float32 up to the last layer's
 * pre-activation u, and this gives the scores from u; argmaxRows then breaks float64's own ties by the
 * first index, as np.argmax.
 *
 *   u (rows × cols) float32 → out[offset …] (rows × cols) float64
 *   softmax  out_j = exp(u_j − max u) / Σ_k exp(u_k − max u)
 *   sigmoid  1 / (1 + exp(−u))     tanh  tanh(u)     relu  max(0, u)     identity  u
 */

export function finalScores64(
  out: Float64Array,
  offset: number,
  u: ArrayLike<number>,
  rows: number,
  cols: number,
  activation: ActivationName,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    if (activation === 'softmax') {
      let max = -Infinity
      for (let j = 0; j < cols; j++) max = Math.max(max, u[o + j]!)
      let sum = 0
      for (let j = 0; j < cols; j++) sum += Math.exp(u[o + j]! - max)
      for (let j = 0; j < cols; j++) out[offset + o + j] = Math.exp(u[o + j]! - max) / sum
      continue
    }
    for (let j = 0; j < cols; j++) {
      const v = u[o + j]!
      out[offset + o + j] =
        activation === 'sigmoid'
          ? 1 / (1 + Math.exp(-v))
          : activation === 'tanh'
            ? Math.tanh(v)
            : activation === 'relu'
              ? Math.max(0, v)
              : v
    }
  }
}
