import { requireLength } from './check'

/**
 * Rectified linear unit, elementwise over n values:
 *
 *   forward   y = max(0, x)                    (NaN stays NaN, as in PyTorch, so divergence shows)
 *   backward  dx = dy · [x > 0]                (from the forward INPUT x; the kink x = 0 gets 0)
 *
 * backward WRITES dx (=), so dx may be dy itself (in place). No allocation.
 */
export function reluForward(y: Float32Array, x: Float32Array, n: number): void {
  requireLength('reluForward', 'x', x, n, `of ${n} values`)
  requireLength('reluForward', 'y', y, n, `of ${n} values`)
  for (let i = 0; i < n; i++) {
    const v = x[i]
    y[i] = v < 0 ? 0 : v
  }
}

export function reluBackward(dx: Float32Array, dy: Float32Array, x: Float32Array, n: number): void {
  requireLength('reluBackward', 'dy', dy, n, `of ${n} values`)
  requireLength('reluBackward', 'x', x, n, `of ${n} values`)
  requireLength('reluBackward', 'dx', dx, n, `of ${n} values`)
  for (let i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : 0
}
