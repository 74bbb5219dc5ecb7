import { MR, NR, micro1x8, micro2x8, micro3x8, micro4x8 } from './gemm-micro'
import { gemmDotRows } from './gemm-dot'
import { packA, packB } from './gemm-pack'

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
 *   gemmSplitKind = SPLIT_BLOCKED    gemm runs the packed, register-tiled path. i0 is a multiple of
 *                                    MR and j0 of NR, so the micro-kernel strips are gemm's strips;
 *                                    k is blocked by the same KC from 0, and B is read in place or
 *                                    packed on the same condition (values equal either way).
 *   gemmSplitKind = SPLIT_NONE       (k ≤ 1, one row times B, or nothing to do): one thread runs gemm.
 *
 * The blocking constants must equal gemm.ts's (KC fixes the summation order; MC and NC only the
 * packing); the tests compare every split with gemm() byte for byte. Workspace: gemmWorkspaceBytes
 * of the whole product is enough for any panel (each thread gets its own).
 */
const MC: i32 = 128
const KC: i32 = 256
const NC: i32 = 1024

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

function roundUp(x: i32, to: i32): i32 {
  return ((x + to - 1) / to) * to
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
  const kcMax = min(k, KC)
  const packedA = work
  const packedB = packedA + ((<usize>roundUp(min(m, MC), MR) * kcMax) << 2)
  const tile = packedB + ((<usize>kcMax * roundUp(min(n, NC), NR)) << 2)
  const ldc = (<usize>n) << 2
  const packAllB = transB || m > 2 * MR
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc)
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc)
      const overwrite = pc == 0 && !accumulate
      if (packAllB) packB(packedB, b, transB, n, k, pc, jc, kc, nc)
      else if (nc % NR != 0) {
        const full = nc - (nc % NR)
        packB(packedB, b, false, n, k, pc, jc + full, kc, nc - full)
      }
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic)
        packA(packedA, a, transA, m, k, ic, pc, mc, kc)
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr)
          let bStrip: usize
          let ldb: usize
          if (packAllB) {
            bStrip = packedB + ((<usize>jr * kc) << 2)
            ldb = NR << 2
          } else if (nr == NR) {
            bStrip = b + ((<usize>pc * n + jc + jr) << 2)
            ldb = (<usize>n) << 2
          } else {
            bStrip = packedB
            ldb = NR << 2
          }
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir)
            const ap = packedA + ((<usize>ir * kc) << 2)
            const cp = c + ((<usize>(ic + ir) * n + jc + jr) << 2)
            if (nr == NR) strip(mr, kc, ap, bStrip, ldb, cp, ldc, overwrite)
            else {
              strip(mr, kc, ap, bStrip, ldb, tile, NR << 2, true)
              mergeTile(cp, ldc, tile, mr, nr, overwrite)
            }
          }
        }
      }
    }
  }
}

/** gemm.ts's strip4: the micro-kernel for a strip of mr ≤ 4 rows. */
function strip(
  mr: i32,
  kc: i32,
  a: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  overwrite: bool,
): void {
  if (mr == 4) micro4x8(kc, a, b, ldb, c, ldc, overwrite)
  else if (mr == 3) micro3x8(kc, a, b, ldb, c, ldc, overwrite)
  else if (mr == 2) micro2x8(kc, a, b, ldb, c, ldc, overwrite)
  else micro1x8(kc, a, b, ldb, c, overwrite)
}

/** gemm.ts's mergeTile: C[0…mr, 0…nr] (=|+=) tile[0…mr, 0…nr], the tile stored NR floats per row. */
function mergeTile(c: usize, ldc: usize, tile: usize, mr: i32, nr: i32, overwrite: bool): void {
  for (let r = 0; r < mr; r++) {
    const src = tile + ((<usize>r * NR) << 2)
    const dst = c + <usize>r * ldc
    for (let j = 0; j < nr; j++) {
      const v = load<f32>(src + (j << 2))
      store<f32>(dst + (j << 2), overwrite ? v : load<f32>(dst + (j << 2)) + v)
    }
  }
}
