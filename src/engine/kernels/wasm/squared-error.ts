import { requireLength } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * squaredError on the WebAssembly backend (assembly/kernels/squared-error.ts): the same float64
 * differences and index-order sum as the reference, so the same bits. y and t are read (copied in
 * unless resident), grad written (copied back unless resident).
 */
export function wasmSquaredError(ex: WasmKernelExports, heap: WasmHeap): KernelSignatures['squaredError'] {
  return function squaredError(grad, y, t, n) {
    requireLength('squaredError', 'y', y, n, `of ${n} values`)
    requireLength('squaredError', 't', t, n, `of ${n} values`)
    requireLength('squaredError', 'grad', grad, n, `of ${n} values`)
    if (n <= 0) return 0
    heap.begin(heap.need(y, n) + heap.need(t, n) + heap.need(grad, n))
    const py = heap.input(y, n)
    const pt = heap.input(t, n)
    const pg = heap.output(grad, n, false)
    const sum = ex.squaredError(pg, py, pt, n)
    heap.copyOut(grad, pg, n)
    return sum
  }
}
