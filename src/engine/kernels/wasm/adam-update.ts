import { requireVectors } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * adamUpdate on the WebAssembly backend (assembly/kernels/adam.ts): the reference's float64
 * arithmetic two lanes at a time, so the same bits. W, m, v (and vmax) are read and written (copied
 * in and back unless resident), ∂W only read.
 */
export function wasmAdamUpdate(ex: WasmKernelExports, heap: WasmHeap): KernelSignatures['adamUpdate'] {
  return function adamUpdate(w, dw, m, v, vmax, n, stepSize, beta1, beta2, eps, weightDecay, bc2Sqrt) {
    requireVectors('adamUpdate', n, { w, dw, m, v, vmax })
    if (n <= 0) return
    const state = [w, m, v, ...(vmax ? [vmax] : [])]
    heap.begin(heap.need(dw, n) + state.reduce((sum, a) => sum + heap.need(a, n), 0))
    const pdw = heap.input(dw, n)
    const [pw, pm, pv, pvmax = 0] = state.map((a) => heap.output(a, n, true))
    ex.adamUpdate(pw!, pdw, pm!, pv!, pvmax, n, stepSize, beta1, beta2, eps, weightDecay, bc2Sqrt)
    state.forEach((a, i) => heap.copyOut(a, [pw!, pm!, pv!, pvmax][i]!, n))
  }
}
