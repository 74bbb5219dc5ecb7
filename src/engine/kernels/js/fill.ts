import { requireLength } from './check'

/**
 * y[0 … n) = value: how gradients are cleared before each batch (optim zeroGrads). A kernel rather
 * than `y.fill` because the WebAssembly backend keeps training arrays in a shared wasm memory, where
 * V8's TypedArray fill is an order of magnitude slower than the module's own memory.fill.
 */
export function fill(y: Float32Array, value: number, n: number): void {
  requireLength('fill', 'y', y, n, `of ${n} values`)
  y.fill(value, 0, n)
}
