import { requireLength } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * fill on the WebAssembly backend (assembly/kernels/fill.ts). A resident y (training arrays over a
 * shared memory) is filled in place by the module; any other array gets the reference's TypedArray
 * fill directly, since copying it into wasm memory and back would cost more than the fill.
 */
export function wasmFill(ex: WasmKernelExports, heap: WasmHeap): KernelSignatures['fill'] {
  return function fill(y, value, n) {
    requireLength('fill', 'y', y, n, `of ${n} values`)
    if (n <= 0) return
    if (heap.isResident(y)) ex.fill(y.byteOffset, value, n)
    else y.fill(value, 0, n)
  }
}
