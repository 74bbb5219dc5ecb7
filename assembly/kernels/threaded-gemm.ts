import { gemmBlocked } from './gemm'
import { MR } from './gemm-micro'
import { gemmDotRows } from './gemm-dot'

/**
 * One thread's share of gemm.ts's product, for the worker-thread GEMM (src/engine/kernels/parallel/):
 *
 *   C[i0…i1, j0…j1] (=|+=) op(A)[i0…i1, :] · op(B)[:, j0…j1]      of the whole C (m×n) = op(A)·op(B)
 *
 * Every output element is computed by exactly one thread, with exactly the operations gemm() would
 * use for it, so the result is bit-identical whatever the number of threads. That holds because the
 * panel follows gemm's own decisions for the WHOLE product (m, n, k, transA, transB):
 *
 *   gemmSplitKind = SPLIT_DOT_ROWS   gemm runs gemmDotRows (B transposed, at most 2·MR rows). It pairs
 *                                    rows (0,1), (2,3)…; a panel starts on an even row (i0 even), so
 *                                    its pairs, and the last single row, are gemm's. Columns: all.
 *   gemmSplitKind = SPLIT_BLOCKED    gemm runs the packed, register-tiled path, gemmBlocked over the
 *                                    whole C; a panel runs the same function over its rectangle
 *                                    (i0 a multiple of MR, j0 of NR: gemm's strips and k-blocks).
 *   gemmSplitKind = SPLIT_NONE       (k ≤ 1, one row times B, or nothing to do): one thread runs gemm.
 *
 * The tests compare every split with gemm() byte for byte. Workspace: gemmWorkspaceBytes of the
 * whole product is enough for any panel (each thread gets its own).
 */
export const SPLIT_NONE: i32 = 0
export const SPLIT_DOT_ROWS: i32 = 1
export const SPLIT_BLOCKED: i32 = 2

/** How gemm(m, n, k, transA, transB) may be split across threads (see above). */
export function gemmSplitKind(m: i32, n: i32, k: i32, transA: bool, transB: bool): i32 {
  if (m <= 0 || n <= 0 || k <= 1) return SPLIT_NONE
  if (m == 1) transA = false
  if (n == 1) transB = false
  if (transB && !transA && m <= 2 * MR) return SPLIT_DOT_ROWS
  if (m == 1 && !transB) return SPLIT_NONE
  return SPLIT_BLOCKED
}

export function gemmPanel(
  c: usize,
  a: usize,
  b: usize,
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  accumulate: bool,
  work: usize,
  i0: i32,
  i1: i32,
  j0: i32,
  j1: i32,
): void {
  const kind = gemmSplitKind(m, n, k, transA, transB)
  if (i1 <= i0 || j1 <= j0 || kind == SPLIT_NONE) return
  if (m == 1) transA = false
  if (n == 1) transB = false
  if (kind == SPLIT_DOT_ROWS) {
    // Rows i0…i1 of A (m×k) and C (m×n) are contiguous; B (n×k) is read whole.
    const rowsA = a + ((<usize>i0 * k) << 2)
    gemmDotRows(c + ((<usize>i0 * n) << 2), rowsA, b, i1 - i0, n, k, !accumulate)
    return
  }
  gemmBlocked(c, a, b, m, n, k, transA, transB, accumulate, work, i0, i1, j0, j1)
}
