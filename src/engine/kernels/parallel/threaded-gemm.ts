import type { KernelSignatures } from '../kernel-types'
import { checkGemmSizes, wasmGemm } from '../wasm/gemm'
import type { WasmKernelExports } from '../wasm/wasm-exports'
import type { WasmHeap } from '../wasm/wasm-heap'
import { type GemmSplit, partitionGemm } from './gemm-partition'
import type { ThreadTeam } from './team'

/**
 * gemm on the WebAssembly backend across worker threads over one shared memory:
 *
 *   C (m×n) = op(A)·op(B)  (or +=), C cut into one panel per thread (gemm-partition.ts)
 *
 * The calling thread places A, B and C in the shared memory once (copies unless resident, as the
 * single-thread wrapper), gives each thread its own packing workspace, hands the panels out through
 * the team's control block, runs panel 0 itself, waits, and copies C back. Every element of C is
 * computed by one thread with the single-thread kernel's operations (assembly/kernels/threaded-gemm.ts),
 * so the bytes of C do not depend on the number of threads.
 *
 * Small products run on the calling thread alone: waking a sleeping thread and waiting for it costs
 * tens of microseconds, about a 10⁶-multiply-add GEMM at 30 GFLOP/s. `minMultiplyAdds` (m·n·k) is the
 * threshold; bench/run.ts --threads measures where splitting starts to pay.
 */
export interface PanelExports extends WasmKernelExports {
  conv2dBackwardChunks(...args: number[]): void
  addPartials(dw: number, partials: number, count: number, size: number): void
  conv2dChunks(batch: number): number
  partialBytes(weights: number): number
  gemmSplitKind(m: number, n: number, k: number, transA: number, transB: number): number
  /** gemm's arguments, then the panel C[i0…i1, j0…j1] this thread computes. */
  gemmPanel(
    ...args: [...Parameters<WasmKernelExports['gemm']>, i0: number, i1: number, j0: number, j1: number]
  ): void
}

/** Default threshold: products of fewer multiply-adds (m·n·k) run on one thread. */
export const DEFAULT_MIN_MULTIPLY_ADDS = 1 << 18

/** assembly/kernels/threaded-gemm.ts's SPLIT_* codes. */
export const SPLITS: readonly (GemmSplit | undefined)[] = [undefined, 'dot-rows', 'blocked']

export function hasPanelExports(ex: WasmKernelExports): ex is PanelExports {
  const e = ex as Partial<PanelExports>
  return (
    typeof e.gemmPanel === 'function' &&
    typeof e.gemmSplitKind === 'function' &&
    typeof e.conv2dBackwardChunks === 'function' &&
    typeof e.addPartials === 'function' &&
    typeof e.conv2dChunks === 'function' &&
    typeof e.partialBytes === 'function'
  )
}

export function threadedWasmGemm(
  ex: PanelExports,
  heap: WasmHeap,
  team: ThreadTeam,
  minMultiplyAdds = DEFAULT_MIN_MULTIPLY_ADDS,
): KernelSignatures['gemm'] {
  const single = wasmGemm(ex, heap)
  return function gemm(c, a, b, m, n, k, transA, transB, accumulate) {
    checkGemmSizes(c, a, b, m, n, k, transA, transB)
    const tA = transA ? 1 : 0
    const tB = transB ? 1 : 0
    const split =
      m * n * k >= minMultiplyAdds && team.running ? SPLITS[ex.gemmSplitKind(m, n, k, tA, tB)] : undefined
    const panels = split ? partitionGemm(split, m, n, team.threads) : []
    if (panels.length < 2) {
      single(c, a, b, m, n, k, transA, transB, accumulate)
      return
    }
    const work = ex.gemmWorkspaceBytes(m, n, k)
    heap.begin(heap.need(a, m * k) + heap.need(b, k * n) + heap.need(c, m * n) + work * panels.length)
    const pa = heap.input(a, m * k)
    const pb = heap.input(b, k * n)
    const pc = heap.output(c, m * n, accumulate)
    const acc = accumulate ? 1 : 0
    const args = panels.map((p) => [
      pc,
      pa,
      pb,
      m,
      n,
      k,
      tA,
      tB,
      acc,
      heap.scratch(work),
      p.i0,
      p.i1,
      p.j0,
      p.j1,
    ])
    team.run('gemmPanel', args, ex)
    heap.copyOut(c, pc, m * n)
  }
}
