import { requireLength } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * Fused softmax cross-entropy on the WebAssembly backend (assembly/kernels/softmax-cross-entropy.ts,
 * float64 inside): writes dLogits = (softmax(z) − t)·scale, returns Σ_rows −Σ_j t_j log softmax(z)_j.
 * dLogits may be the logits array itself: the logits are read (copied in) before dLogits is written.
 */
export function wasmSoftmaxCrossEntropy(
  ex: WasmKernelExports,
  heap: WasmHeap,
): KernelSignatures['softmaxCrossEntropy'] {
  return function softmaxCrossEntropy(dLogits, logits, targets, rows, cols, scale) {
    const size = rows * cols
    if (logits.length < size) requireLength('softmaxCrossEntropy', 'logits', logits, size, '(rows × cols)')
    if (targets.length < size) requireLength('softmaxCrossEntropy', 'targets', targets, size, '(rows × cols)')
    if (dLogits.length < size) requireLength('softmaxCrossEntropy', 'dLogits', dLogits, size, '(rows × cols)')
    heap.begin(heap.need(logits, size) + heap.need(targets, size) + heap.need(dLogits, size))
    const pz = heap.input(logits, size)
    const pt = heap.input(targets, size)
    const pd = heap.output(dLogits, size, false)
    const total = ex.softmaxCrossEntropy(pd, pz, pt, rows, cols, scale)
    heap.copyOut(dLogits, pd, size)
    return total
  }
}
