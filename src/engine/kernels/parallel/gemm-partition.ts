/**
 * How a GEMM C (m×n) = op(A)·op(B) is cut into one panel per thread, for the worker-thread GEMM.
 *
 * Each panel is a rectangle C[i0…i1, j0…j1]; together they tile C exactly once, so every output element
 * is computed by one thread only and no reduction across threads exists. The cuts fall where the
 * single-thread kernel's own units fall (assembly/kernels/threaded-gemm.ts explains why that makes
 * the result bit-identical to one thread):
 *
 *   'dot-rows'  rows in pairs (gemmDotRows pairs rows 0–1, 2–3, …): i0 even; all columns
 *   'blocked'   whole micro-kernel strips: i0 a multiple of MR = 4 rows, or j0 of NR = 8 columns.
 *               Cut the axis with more strips (conv layers: few filter rows, many column positions →
 *               columns; dense layers at batch 64 → either). A row cut makes every thread pack all
 *               of op(B), a column cut all of op(A): the longer axis also keeps that duplicate small.
 *
 * Strips are dealt out evenly: thread t takes strips ⌊t·S/T⌋ … ⌊(t+1)·S/T⌋ − 1. Fewer strips than
 * threads gives fewer panels.
 */
export type GemmSplit = 'dot-rows' | 'blocked'

export interface GemmPanel {
  i0: number
  i1: number
  j0: number
  j1: number
}

/** The micro-kernel's tile (assembly/kernels/gemm-micro.ts MR × NR). */
export const GEMM_MR = 4
export const GEMM_NR = 8

export function partitionGemm(split: GemmSplit, m: number, n: number, threads: number): GemmPanel[] {
  if (split === 'dot-rows') return cut(m, 2, threads).map(([i0, i1]) => ({ i0, i1, j0: 0, j1: n }))
  const rowStrips = Math.ceil(m / GEMM_MR)
  const colStrips = Math.ceil(n / GEMM_NR)
  if (colStrips >= rowStrips) return cut(n, GEMM_NR, threads).map(([j0, j1]) => ({ i0: 0, i1: m, j0, j1 }))
  return cut(m, GEMM_MR, threads).map(([i0, i1]) => ({ i0, i1, j0: 0, j1: n }))
}

/** [start, end) ranges of 0…size cut at multiples of `unit` into at most `parts` nonempty pieces. */
function cut(size: number, unit: number, parts: number): [number, number][] {
  const units = Math.ceil(size / unit)
  const count = Math.max(1, Math.min(parts, units))
  const ranges: [number, number][] = []
  for (let t = 0; t < count; t++) {
    const start = Math.floor((t * units) / count) * unit
    const end = Math.min(size, Math.floor(((t + 1) * units) / count) * unit)
    ranges.push([start, end])
  }
  return ranges
}
