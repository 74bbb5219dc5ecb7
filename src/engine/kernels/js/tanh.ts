import { requireLength } from './check'

/**
 * Hyperbolic tangent activation, elementwise over n values:
 *
 *   forward   y = tanh(x)
 *   backward  dx = dy · (1 − y²)               (from the forward OUTPUT y)
 *
 * backward WRITES dx (=), so dx may be dy itself (in place). No allocation.
 */
export function tanhForward(y: Float32Array, x: Float32Array, n: number): void {
  requireLength('tanhForward', 'x', x, n, `of ${n} values`)
  requireLength('tanhForward', 'y', y, n, `of ${n} values`)
  for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i])
}

export function tanhBackward(dx: Float32Array, dy: Float32Array, y: Float32Array, n: number): void {
  requireLength('tanhBackward', 'dy', dy, n, `of ${n} values`)
  requireLength('tanhBackward', 'y', y, n, `of ${n} values`)
  requireLength('tanhBackward', 'dx', dx, n, `of ${n} values`)
  for (let i = 0; i < n; i++) {
    const t = y[i]
    dx[i] = dy[i] * (1 - t * t)
  }
}
