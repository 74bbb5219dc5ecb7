import { requireVectors } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * sgdUpdate on the WebAssembly backend (assembly/kernels/sgd.ts): the same float64 arithmetic as the
 * reference two lanes at a time, so the same bits. W and the momentum buffer are read and written
 * (copied in and back unless resident), ∂W only read. Even with the copies (memcpy speed) it runs
 * several times faster than the JS loop over a large layer.
 */
export function wasmSgdUpdate(ex: WasmKernelExports, heap: WasmHeap): KernelSignatures['sgdUpdate'] {
  return function sgdUpdate(w, dw, b, n, lr, momentum, dampening, nesterov, weightDecay, first) {
    requireVectors('sgdUpdate', n, { w, dw, b })
    if (n <= 0) return
    heap.begin(heap.need(w, n) + heap.need(dw, n) + (b ? heap.need(b, n) : 0))
    const pdw = heap.input(dw, n)
    const pw = heap.output(w, n, true)
    const pb = b ? heap.output(b, n, !first) : 0 // the first step writes b without reading it
    ex.sgdUpdate(pw, pdw, pb, n, lr, momentum, dampening, nesterov ? 1 : 0, weightDecay, first ? 1 : 0)
    heap.copyOut(w, pw, n)
    if (b) heap.copyOut(b, pb, n)
  }
}
