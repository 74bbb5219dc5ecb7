import { madd } from '../math/madd'

/**
 * GEMM micro-kernels: the innermost loop of gemm.ts, where all the arithmetic happens.
 *
 *   C[0…r, 0…8] (=|+=) Σ_{p < kc} Ã[p, 0…r] ⊗ B̃[p, 0…8]          (rank-1 updates, outer products)
 *
 * Ã is a packed strip of MR = 4 rows of op(A): for each p, 4 consecutive floats (Ã[p·4 + row]); a
 * kernel for r < 4 rows reads the first r of them. B̃ is a strip of NR = 8 columns of op(B): for each
 * p, 8 consecutive floats at `b + p·ldb` bytes (a packed strip has ldb = 32; the rows of an unpacked
 * row-major B have ldb = 4·n).
 *
 * Register tiling: the r×8 block of C lives in 2·r v128 accumulators for the whole loop over p. Each
 * step loads two vectors of B̃ (8 columns), broadcasts each of the r values of Ã (v128.load32_splat,
 * one vbroadcastss) and does 2·r multiply-adds. The tile is 4×8 because V8 gives wasm 15 SIMD
 * registers on x86-64 and schedules all broadcasts of a step ahead of the arithmetic: 8 accumulators +
 * 2 B vectors + 4 broadcasts + 1 product fit, while a 6×8 tile (12 accumulators) spills four of them
 * to the stack on every step, which measured 35 % slower. The 3-, 2- and 1-row kernels finish the
 * strips of m mod 4 rows without computing padded zero rows.
 *
 * `overwrite`: C = result (first k-block without accumulate) instead of C += result. ldc in bytes.
 * Each kernel's summation order depends only on kc: results are reproducible.
 */
export const MR = 4
export const NR = 8

export function micro4x8(
  kc: i32,
  a: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  overwrite: bool,
): void {
  let c00 = f32x4.splat(0)
  let c01 = f32x4.splat(0)
  let c10 = f32x4.splat(0)
  let c11 = f32x4.splat(0)
  let c20 = f32x4.splat(0)
  let c21 = f32x4.splat(0)
  let c30 = f32x4.splat(0)
  let c31 = f32x4.splat(0)
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b)
    const b1 = v128.load(b, 16)
    let ar = v128.load32_splat(a)
    c00 = madd(ar, b0, c00)
    c01 = madd(ar, b1, c01)
    ar = v128.load32_splat(a, 4)
    c10 = madd(ar, b0, c10)
    c11 = madd(ar, b1, c11)
    ar = v128.load32_splat(a, 8)
    c20 = madd(ar, b0, c20)
    c21 = madd(ar, b1, c21)
    ar = v128.load32_splat(a, 12)
    c30 = madd(ar, b0, c30)
    c31 = madd(ar, b1, c31)
    a += MR * 4
    b += ldb
  }
  storeRow(c, c00, c01, overwrite)
  storeRow(c + ldc, c10, c11, overwrite)
  storeRow(c + 2 * ldc, c20, c21, overwrite)
  storeRow(c + 3 * ldc, c30, c31, overwrite)
}

export function micro3x8(
  kc: i32,
  a: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  overwrite: bool,
): void {
  let c00 = f32x4.splat(0)
  let c01 = f32x4.splat(0)
  let c10 = f32x4.splat(0)
  let c11 = f32x4.splat(0)
  let c20 = f32x4.splat(0)
  let c21 = f32x4.splat(0)
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b)
    const b1 = v128.load(b, 16)
    let ar = v128.load32_splat(a)
    c00 = madd(ar, b0, c00)
    c01 = madd(ar, b1, c01)
    ar = v128.load32_splat(a, 4)
    c10 = madd(ar, b0, c10)
    c11 = madd(ar, b1, c11)
    ar = v128.load32_splat(a, 8)
    c20 = madd(ar, b0, c20)
    c21 = madd(ar, b1, c21)
    a += MR * 4
    b += ldb
  }
  storeRow(c, c00, c01, overwrite)
  storeRow(c + ldc, c10, c11, overwrite)
  storeRow(c + 2 * ldc, c20, c21, overwrite)
}

export function micro2x8(
  kc: i32,
  a: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  overwrite: bool,
): void {
  let c00 = f32x4.splat(0)
  let c01 = f32x4.splat(0)
  let c10 = f32x4.splat(0)
  let c11 = f32x4.splat(0)
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b)
    const b1 = v128.load(b, 16)
    let ar = v128.load32_splat(a)
    c00 = madd(ar, b0, c00)
    c01 = madd(ar, b1, c01)
    ar = v128.load32_splat(a, 4)
    c10 = madd(ar, b0, c10)
    c11 = madd(ar, b1, c11)
    a += MR * 4
    b += ldb
  }
  storeRow(c, c00, c01, overwrite)
  storeRow(c + ldc, c10, c11, overwrite)
}

/**
 * One row: c[0…8] (=|+=) Σ_p Ã[p·4] · B̃[p, 0…8]. A single pair of accumulators would make every
 * step wait for the previous add, so four pairs take the steps p ≡ 0, 1, 2, 3 (mod 4) and are summed
 * at the end in a fixed order (reproducible).
 */
export function micro1x8(kc: i32, a: usize, b: usize, ldb: usize, c: usize, overwrite: bool): void {
  const lda: usize = MR * 4
  let s0 = f32x4.splat(0)
  let s1 = f32x4.splat(0)
  let t0 = f32x4.splat(0)
  let t1 = f32x4.splat(0)
  let u0 = f32x4.splat(0)
  let u1 = f32x4.splat(0)
  let v0 = f32x4.splat(0)
  let v1 = f32x4.splat(0)
  let p = 0
  for (; p + 4 <= kc; p += 4) {
    let ar = v128.load32_splat(a)
    s0 = madd(ar, v128.load(b), s0)
    s1 = madd(ar, v128.load(b, 16), s1)
    ar = v128.load32_splat(a + lda)
    t0 = madd(ar, v128.load(b + ldb), t0)
    t1 = madd(ar, v128.load(b + ldb, 16), t1)
    ar = v128.load32_splat(a + 2 * lda)
    u0 = madd(ar, v128.load(b + 2 * ldb), u0)
    u1 = madd(ar, v128.load(b + 2 * ldb, 16), u1)
    ar = v128.load32_splat(a + 3 * lda)
    v0 = madd(ar, v128.load(b + 3 * ldb), v0)
    v1 = madd(ar, v128.load(b + 3 * ldb, 16), v1)
    a += 4 * lda
    b += 4 * ldb
  }
  for (; p < kc; p++) {
    const ar = v128.load32_splat(a)
    s0 = madd(ar, v128.load(b), s0)
    s1 = madd(ar, v128.load(b, 16), s1)
    a += lda
    b += ldb
  }
  s0 = f32x4.add(f32x4.add(s0, t0), f32x4.add(u0, v0))
  s1 = f32x4.add(f32x4.add(s1, t1), f32x4.add(u1, v1))
  storeRow(c, s0, s1, overwrite)
}

/** c[0…8] = (lo, hi), or c[0…8] += (lo, hi). */
function storeRow(c: usize, lo: v128, hi: v128, overwrite: bool): void {
  if (overwrite) {
    v128.store(c, lo)
    v128.store(c, hi, 16)
  } else {
    v128.store(c, f32x4.add(v128.load(c), lo))
    v128.store(c, f32x4.add(v128.load(c, 16), hi), 16)
  }
}
