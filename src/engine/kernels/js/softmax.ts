import { requireLength } from './check'

/**
 * Row-wise softmax over (rows × cols), the output activation of a classifier:
 *
 *   forward   y_j = exp(x_j − m) / Σ_k exp(x_k − m),   m = max_k x_k of the row   (no overflow)
 *   backward  dx_i = y_i (dy_i − Σ_j dy_j y_j)          (the softmax Jacobian applied to dy)
 *
 * Sums run in float64. backward WRITES dx (=), so dx may be dy itself (each row's dot product is
 * taken before the row is written). No allocation.
 */
export function softmaxForward(y: Float32Array, x: Float32Array, rows: number, cols: number): void {
  requireLength('softmaxForward', 'x', x, rows * cols, `(${rows}×${cols})`)
  requireLength('softmaxForward', 'y', y, rows * cols, `(${rows}×${cols})`)
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    let max = -Infinity
    for (let j = 0; j < cols; j++) max = Math.max(max, x[o + j])
    let sum = 0
    for (let j = 0; j < cols; j++) sum += Math.exp(x[o + j] - max)
    const inverse = 1 / sum
    for (let j = 0; j < cols; j++) y[o + j] = Math.exp(x[o + j] - max) * inverse
  }
}

export function softmaxBackward(
  dx: Float32Array,
  dy: Float32Array,
  y: Float32Array,
  rows: number,
  cols: number,
): void {
  requireLength('softmaxBackward', 'dy', dy, rows * cols, `(${rows}×${cols})`)
  requireLength('softmaxBackward', 'y', y, rows * cols, `(${rows}×${cols})`)
  requireLength('softmaxBackward', 'dx', dx, rows * cols, `(${rows}×${cols})`)
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    let dot = 0
    for (let j = 0; j < cols; j++) dot += dy[o + j] * y[o + j]
    for (let j = 0; j < cols; j++) dx[o + j] = y[o + j] * (dy[o + j] - dot)
  }
}
