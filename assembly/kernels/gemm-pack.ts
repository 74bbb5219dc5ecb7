import { MR, NR } from './gemm-micro'

/**
 * Packing for gemm.ts: copies a block of op(A) or op(B) into the order the micro-kernel reads, so
 * its loads are consecutive (one cache line feeds several steps) and the four transpose cases become
 * one: after packing, the micro-kernel never knows whether A or B was stored transposed.
 *
 *   Ã: rows ic…ic+mc, steps pc…pc+kc of op(A) → strips of MR = 4 rows;  strip s, step p, row r at
 *      Ã[(s·kc + p)·MR + r]   (the last strip, of mc mod 4 rows, is padded with zeros)
 *   B̃: steps pc…pc+kc, columns jc…jc+nc of op(B) → strips of NR = 8 columns;  strip t, step p,
 *      column j at B̃[(t·kc + p)·NR + j]  (columns past nc are zeros)
 *
 * op(A)[i, p] = A[i·k + p], or A[p·m + i] when transA (A stored k×m).
 * op(B)[p, j] = B[p·n + j], or B[j·k + p] when transB (B stored n×k).
 * Where the stored matrix runs along p (A, or B transposed), four rows are read four values of p at
 * a time and turned by a 4×4 transpose in registers. All pointers in bytes; float32 everywhere.
 */
export function packA(
  dst: usize,
  a: usize,
  transA: bool,
  m: i32,
  k: i32,
  ic: i32,
  pc: i32,
  mc: i32,
  kc: i32,
): void {
  for (let s = 0; s < mc; s += MR) {
    const rows = min(MR, mc - s)
    if (transA) {
      // The MR rows of one step are consecutive in A: one vector per step when the strip is full.
      let src = a + ((<usize>pc * m + ic + s) << 2)
      for (let p = 0; p < kc; p++) {
        const out = dst + ((<usize>p * MR) << 2)
        if (rows == MR) v128.store(out, v128.load(src))
        else {
          for (let r = 0; r < rows; r++) store<f32>(out + (r << 2), load<f32>(src + (r << 2)))
          for (let r = rows; r < MR; r++) store<f32>(out + (r << 2), 0)
        }
        src += (<usize>m) << 2
      }
    } else if (rows == MR) {
      // Four rows of A, each consecutive in p: 4×4 blocks transposed into the strip.
      const row = a + ((<usize>(ic + s) * k + pc) << 2)
      transposeRows(dst, row, (<usize>k) << 2, kc, MR << 2)
    } else {
      for (let r = 0; r < MR; r++) {
        const out = dst + (r << 2)
        const src = a + ((<usize>(ic + s + r) * k + pc) << 2)
        for (let p = 0; p < kc; p++) {
          store<f32>(out + ((<usize>p * MR) << 2), r < rows ? load<f32>(src + (p << 2)) : 0)
        }
      }
    }
    dst += (<usize>kc * MR) << 2
  }
}

export function packB(
  dst: usize,
  b: usize,
  transB: bool,
  n: i32,
  k: i32,
  pc: i32,
  jc: i32,
  kc: i32,
  nc: i32,
): void {
  for (let t = 0; t < nc; t += NR) {
    const cols = min(NR, nc - t)
    if (transB && cols == NR) {
      // Columns of op(B) are rows of B, consecutive in p: two groups of four, transposed.
      const row = b + ((<usize>(jc + t) * k + pc) << 2)
      transposeRows(dst, row, (<usize>k) << 2, kc, NR << 2)
      transposeRows(dst + 16, row + ((<usize>k) << 4), (<usize>k) << 2, kc, NR << 2)
    } else if (transB) {
      for (let j = 0; j < NR; j++) {
        const out = dst + (j << 2)
        const src = b + ((<usize>(jc + t + j) * k + pc) << 2)
        for (let p = 0; p < kc; p++) {
          store<f32>(out + ((<usize>p * NR) << 2), j < cols ? load<f32>(src + (p << 2)) : 0)
        }
      }
    } else {
      // One step of the strip is 8 consecutive floats of a row of B: two vector copies.
      let src = b + ((<usize>pc * n + jc + t) << 2)
      for (let p = 0; p < kc; p++) {
        const out = dst + ((<usize>p * NR) << 2)
        if (cols == NR) {
          v128.store(out, v128.load(src))
          v128.store(out, v128.load(src, 16), 16)
        } else {
          for (let j = 0; j < cols; j++) store<f32>(out + (j << 2), load<f32>(src + (j << 2)))
          for (let j = cols; j < NR; j++) store<f32>(out + (j << 2), 0)
        }
        src += (<usize>n) << 2
      }
    }
    dst += (<usize>kc * NR) << 2
  }
}

/**
 * Four rows r0…r3 (row stride `rowBytes`), kc values each, written column by column: for each p,
 * [r0[p], r1[p], r2[p], r3[p]] at dst + p·outStride. Four values of p per round:
 *   t0 = [r0₀ r1₀ r0₁ r1₁], t1 = [r0₂ r1₂ r0₃ r1₃], t2, t3 likewise for r2, r3;
 *   column p₀ = [t0₀ t0₁ t2₀ t2₁], p₁ = [t0₂ t0₃ t2₂ t2₃], p₂, p₃ likewise from t1, t3.
 */
function transposeRows(dst: usize, row: usize, rowBytes: usize, kc: i32, outStride: usize): void {
  const r1 = row + rowBytes
  const r2 = r1 + rowBytes
  const r3 = r2 + rowBytes
  let p = 0
  for (; p + 4 <= kc; p += 4) {
    const q = (<usize>p) << 2
    const v0 = v128.load(row + q)
    const v1 = v128.load(r1 + q)
    const v2 = v128.load(r2 + q)
    const v3 = v128.load(r3 + q)
    const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5)
    const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7)
    const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5)
    const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7)
    const out = dst + <usize>p * outStride
    v128.store(out, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5))
    v128.store(out + outStride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7))
    v128.store(out + 2 * outStride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5))
    v128.store(out + 3 * outStride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7))
  }
  for (; p < kc; p++) {
    const q = (<usize>p) << 2
    v128.store(
      dst + <usize>p * outStride,
      f32x4(load<f32>(row + q), load<f32>(r1 + q), load<f32>(r2 + q), load<f32>(r3 + q)),
    )
  }
}
