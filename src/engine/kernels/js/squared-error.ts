import { requireLength } from './check'

/**
 * The squared error of n predictions y against targets t, and its gradient (the SSE loss, the
 * lecture's E = ½ Σ (y − t)², scales it):
 *
 *   grad_i = y_i − t_i                    (written; float64 difference rounded once to float32)
 *   returns Σ_i (y_i − t_i)²              (float64, summed in index order)
 *
 * Every backend computes the differences in float64 and adds the squares in index order, so the
 * returned sum and the gradient are the same bits everywhere. No allocation.
 */
export function squaredError(grad: Float32Array, y: Float32Array, t: Float32Array, n: number): number {
  requireLength('squaredError', 'y', y, n, `of ${n} values`)
  requireLength('squaredError', 't', t, n, `of ${n} values`)
  requireLength('squaredError', 'grad', grad, n, `of ${n} values`)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const d = y[i]! - t[i]!
    grad[i] = d
    sum += d * d
  }
  return sum
}
