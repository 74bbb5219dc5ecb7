import { requireLength } from './check'

/**
 * Logistic sigmoid, the lecture's activation f(u) = 1 / (1 + e^(−u)), elementwise over n values:
 *
 *   forward   y = 1 / (1 + exp(−x))           (exp(−x) = ∞ for x ≪ 0 gives exactly 0, no NaN)
 *   backward  dx = dy · y (1 − y)              (from the forward OUTPUT y: f'(u) = f(u)(1 − f(u)))
 *
 * backward WRITES dx (=), so dx may be dy itself (in place). No allocation.
 */
export function sigmoidForward(y: Float32Array, x: Float32Array, n: number): void {
  requireLength('sigmoidForward', 'x', x, n, `of ${n} values`)
  requireLength('sigmoidForward', 'y', y, n, `of ${n} values`)
  for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]))
}

export function sigmoidBackward(dx: Float32Array, dy: Float32Array, y: Float32Array, n: number): void {
  requireLength('sigmoidBackward', 'dy', dy, n, `of ${n} values`)
  requireLength('sigmoidBackward', 'y', y, n, `of ${n} values`)
  requireLength('sigmoidBackward', 'dx', dx, n, `of ${n} values`)
  for (let i = 0; i < n; i++) {
    const s = y[i]
    dx[i] = dy[i] * s * (1 - s)
  }
}
