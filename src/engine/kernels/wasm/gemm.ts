import { requireLength } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * gemm on the WebAssembly backend: C (m×n) = op(A)·op(B), or C += … (assembly/kernels/gemm.ts holds
 * the blocked, packed, register-tiled kernel and its explanation). This wrapper checks sizes with the
 * reference's messages, places A, B and C in wasm memory (copies unless resident, C copied in only
 * when accumulating) with the kernel's packing workspace, runs it, and copies C back.
 */
export function wasmGemm(ex: WasmKernelExports, heap: WasmHeap): KernelSignatures['gemm'] {
  return function gemm(c, a, b, m, n, k, transA, transB, accumulate) {
    checkGemmSizes(c, a, b, m, n, k, transA, transB)
    if (m <= 0 || n <= 0) return
    const work = ex.gemmWorkspaceBytes(m, n, k)
    heap.begin(heap.need(a, m * k) + heap.need(b, k * n) + heap.need(c, m * n) + work)
    const pa = heap.input(a, m * k)
    const pb = heap.input(b, k * n)
    const pc = heap.output(c, m * n, accumulate)
    ex.gemm(pc, pa, pb, m, n, k, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, heap.scratch(work))
    heap.copyOut(c, pc, m * n)
  }
}

/** The reference's size checks (its messages): C (m×n), op(A) (m×k), op(B) (k×n). */
export function checkGemmSizes(
  c: Float32Array,
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
): void {
  if (c.length < m * n) requireLength('gemm', 'C', c, m * n, `(${m}×${n})`)
  if (a.length < m * k) {
    requireLength('gemm', 'A', a, m * k, transA ? `stored (${k}×${m}) for transA` : `(${m}×${k})`)
  }
  if (b.length < k * n) {
    requireLength('gemm', 'B', b, k * n, transB ? `stored (${n}×${k}) for transB` : `(${k}×${n})`)
  }
}
