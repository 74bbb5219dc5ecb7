import { MR, NR, micro1x8, micro2x8, micro3x8, micro4x8 } from './gemm-micro'
import { gemmDotRows } from './gemm-dot'
import { packA, packB } from './gemm-pack'
import { gemmOuter, gemmRow } from './gemm-row'

/**
 * General matrix product, row-major float32 (lecture ② and ③: U' = F·X'; the dense layer's u = xW):
 *
 *   C (m×n) = op(A) (m×k) · op(B) (k×n),  or C += … when accumulate
 *   op(A) = A (m×k), or Aᵀ with A stored (k×m);  op(B) = B (k×n), or Bᵀ with B stored (n×k)
 *
 * The Goto/BLIS structure, three levels of blocking around a register-tiled micro-kernel:
 *
 *   for jc in steps of NC over the columns of C          B̃ block (KC×NC, 1 MiB) stays in L2/L3
 *     for pc in steps of KC over the inner dimension
 *       pack op(B)[pc…, jc…] into B̃ (strips of NR columns)
 *       for ic in steps of MC over the rows of C         Ã block (MC×KC, 128 KiB) stays in L2
 *         pack op(A)[ic…, pc…] into Ã (strips of MR = 4 rows)
 *         for each NR-column strip of B̃                  one strip (KC×8, 8 KiB) stays in L1
 *           for each row strip of Ã:  C[4×8 tile] (=|+=) Ã strip · B̃ strip   (micro-kernel)
 *
 * The first k-block overwrites C unless accumulate, so C is never cleared separately. The last
 * mc mod 4 rows of a block run the 3-, 2- or 1-row kernel (measured: splitting six rows as 3 + 3
 * instead of 4 + 2 is slower); a last strip of n mod 8 columns runs on a zero-padded B̃ strip into
 * a scratch tile, of which only the valid part is merged into C.
 *
 * When there are few rows (m ≤ 2·MR) and B is not transposed, each B̃ strip would be read only once
 * or twice, so packing it costs as much as using it: the kernel then reads rows of B in place
 * (ldb = 4·n); only a last partial strip is packed, to pad it with zeros. Two shapes skip the
 * blocking altogether: B transposed with at most 8 rows, as dot products of rows (gemm-dot.ts), and
 * one row with B not transposed, as a streamed vector-matrix product (gemm-row.ts); k = 1 is an
 * outer product (gemm-row.ts).
 *
 * Tuning (Zen 5, Node 20): MC 64–256, KC 256–512, NC 1024–4096 all measure within noise at 1024³
 * (~40 GFLOP/s); the micro-kernel's register tile is what matters (gemm-micro.ts).
 * Workspace `work` (from gemmWorkspaceBytes): Ã, then B̃, then the MR×NR edge tile.
 * Summation order depends only on (m, n, k), never on timing: results are reproducible.
 */
const MC: i32 = 128 // rows of C per Ã block (a multiple of MR)
const KC: i32 = 256 // inner-dimension steps per block
const NC: i32 = 1024 // columns of C per B̃ block (a multiple of NR)

function roundUp(x: i32, to: i32): i32 {
  return ((x + to - 1) / to) * to
}

/** Bytes of workspace gemm needs for these dimensions. */
export function gemmWorkspaceBytes(m: i32, n: i32, k: i32): usize {
  const kc = min(k, KC)
  const packedA = <usize>roundUp(min(m, MC), MR) * kc
  const packedB = <usize>kc * roundUp(min(n, NC), NR)
  return (packedA + packedB + MR * NR) << 2
}

export function gemm(
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
): void {
  if (m <= 0 || n <= 0) return
  // A vector is the same in memory transposed or not: m = 1 makes A[p·m + i] = A[i·k + p].
  if (m == 1) transA = false
  if (n == 1) transB = false
  if (k <= 0) {
    if (!accumulate) memory.fill(c, 0, (<usize>m * n) << 2)
    return
  }
  if (k == 1) {
    gemmOuter(c, a, b, m, n, !accumulate)
    return
  }
  if (transB && !transA && m <= 2 * MR) {
    gemmDotRows(c, a, b, m, n, k, !accumulate)
    return
  }
  if (m == 1 && !transB) {
    gemmRow(c, a, b, n, k, !accumulate)
    return
  }
  gemmBlocked(c, a, b, m, n, k, transA, transB, accumulate, work, 0, m, 0, n)
}

/**
 * The blocked, register-tiled path for the rectangle C[i0…i1, j0…j1] of the product (the whole C in
 * gemm; one thread's panel in threaded-gemm.ts). i0 must be a multiple of MR and j0 of NR, so the
 * micro-kernel strips, the k-blocks from 0 in steps of KC and so every element's operations are the
 * same whatever rectangle it is computed in: panels of any split give gemm's bytes.
 */
export function gemmBlocked(
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
        // Only the last, partial strip is packed (zero-padded) at the start of B̃.
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
            if (nr == NR) strip4(mr, kc, ap, bStrip, ldb, cp, ldc, overwrite)
            else {
              strip4(mr, kc, ap, bStrip, ldb, tile, NR << 2, true)
              mergeTile(cp, ldc, tile, mr, nr, overwrite)
            }
          }
        }
      }
    }
  }
}

/** The micro-kernel for a strip of mr ≤ 4 rows (the last strip of m mod 4 rows uses a smaller one). */
function strip4(
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

/** C[0…mr, 0…nr] (=|+=) tile[0…mr, 0…nr], the tile stored with NR floats per row. */
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
