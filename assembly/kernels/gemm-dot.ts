import { madd } from '../math/madd'

/**
 * GEMM for few rows with B transposed: C (m×n) (=|+=) A (m×k) · Bᵀ, B stored (n×k), A not transposed.
 *
 *   C[i, j] = Σ_p A[i·k + p] · B[j·k + p]          (a dot product of two consecutive rows)
 *
 * This is the per-sample backward of a dense layer (∂x = Δ·Wᵀ with one row Δ) and the weight
 * gradient of a convolution (∂F = Δ·X'ᵀ, a few filters by many positions). With few rows of A,
 * packing B (a transposing gather of all of it) would cost as much as the product, so the dot
 * products read both operands in place, in their natural, consecutive order.
 *
 * Each accumulator holds four partial sums (lane l: the terms p ≡ l mod 4). A vector add waits for
 * the previous one into the same accumulator (3–4 cycles), so a block keeps 8 accumulators in flight:
 * two rows of A against four rows of B (2 + 4 loads per 8 multiply-adds), or for a last single row
 * of A, one row against eight rows of B (1 + 8 loads). The lanes of four accumulators are summed
 * together by two rounds of shuffles (a 4×4 transpose folded into the adds, sum4), then the k mod 4
 * last terms are added one by one. The summation order depends only on k: reproducible.
 * Pointers and strides in bytes.
 */
export function gemmDotRows(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, overwrite: bool): void {
  const rowBytes = (<usize>k) << 2
  let i = 0
  for (; i + 2 <= m; i += 2) {
    const a0 = a + <usize>i * rowBytes
    const c0 = c + ((<usize>i * n) << 2)
    let j = 0
    for (; j + 4 <= n; j += 4)
      dot2x4(a0, rowBytes, b + <usize>j * rowBytes, k, c0 + ((<usize>j) << 2), (<usize>n) << 2, overwrite)
    for (; j < n; j++) {
      const bj = b + <usize>j * rowBytes
      store1(c0 + ((<usize>j) << 2), dot1(a0, bj, k), overwrite)
      store1(c0 + ((<usize>(n + j)) << 2), dot1(a0 + rowBytes, bj, k), overwrite)
    }
  }
  if (i < m) {
    const a0 = a + <usize>i * rowBytes
    const c0 = c + ((<usize>i * n) << 2)
    let j = 0
    for (; j + 8 <= n; j += 8)
      dot1x8(a0, b + <usize>j * rowBytes, rowBytes, k, c0 + ((<usize>j) << 2), overwrite)
    for (; j < n; j++) store1(c0 + ((<usize>j) << 2), dot1(a0, b + <usize>j * rowBytes, k), overwrite)
  }
}

/** Rows a, a + row of A against rows b … b + 3·row of B (row = 4·k bytes): C[0…2, 0…4] at c. */
function dot2x4(a: usize, row: usize, b: usize, k: i32, c: usize, ldc: usize, overwrite: bool): void {
  const a1 = a + row
  const b1 = b + row
  const b2 = b1 + row
  const b3 = b2 + row
  let s00 = f32x4.splat(0)
  let s01 = f32x4.splat(0)
  let s02 = f32x4.splat(0)
  let s03 = f32x4.splat(0)
  let s10 = f32x4.splat(0)
  let s11 = f32x4.splat(0)
  let s12 = f32x4.splat(0)
  let s13 = f32x4.splat(0)
  const end = (<usize>(k & ~3)) << 2
  for (let q: usize = 0; q < end; q += 16) {
    const x0 = v128.load(a + q)
    const x1 = v128.load(a1 + q)
    let y = v128.load(b + q)
    s00 = madd(x0, y, s00)
    s10 = madd(x1, y, s10)
    y = v128.load(b1 + q)
    s01 = madd(x0, y, s01)
    s11 = madd(x1, y, s11)
    y = v128.load(b2 + q)
    s02 = madd(x0, y, s02)
    s12 = madd(x1, y, s12)
    y = v128.load(b3 + q)
    s03 = madd(x0, y, s03)
    s13 = madd(x1, y, s13)
  }
  let r0 = sum4(s00, s01, s02, s03)
  let r1 = sum4(s10, s11, s12, s13)
  for (let q = end; q < rowBytes(k); q += 4) {
    const y = f32x4(load<f32>(b + q), load<f32>(b1 + q), load<f32>(b2 + q), load<f32>(b3 + q))
    r0 = madd(v128.load32_splat(a + q), y, r0)
    r1 = madd(v128.load32_splat(a1 + q), y, r1)
  }
  store4(c, r0, overwrite)
  store4(c + ldc, r1, overwrite)
}

/** One row a of A against rows b … b + 7·ldb of B: C[0, 0…8] at c. */
function dot1x8(a: usize, b: usize, ldb: usize, k: i32, c: usize, overwrite: bool): void {
  const b1 = b + ldb
  const b2 = b1 + ldb
  const b3 = b2 + ldb
  const b4 = b3 + ldb
  const b5 = b4 + ldb
  const b6 = b5 + ldb
  const b7 = b6 + ldb
  let s0 = f32x4.splat(0)
  let s1 = f32x4.splat(0)
  let s2 = f32x4.splat(0)
  let s3 = f32x4.splat(0)
  let s4 = f32x4.splat(0)
  let s5 = f32x4.splat(0)
  let s6 = f32x4.splat(0)
  let s7 = f32x4.splat(0)
  const end = (<usize>(k & ~3)) << 2
  for (let q: usize = 0; q < end; q += 16) {
    const x = v128.load(a + q)
    s0 = madd(x, v128.load(b + q), s0)
    s1 = madd(x, v128.load(b1 + q), s1)
    s2 = madd(x, v128.load(b2 + q), s2)
    s3 = madd(x, v128.load(b3 + q), s3)
    s4 = madd(x, v128.load(b4 + q), s4)
    s5 = madd(x, v128.load(b5 + q), s5)
    s6 = madd(x, v128.load(b6 + q), s6)
    s7 = madd(x, v128.load(b7 + q), s7)
  }
  let lo = sum4(s0, s1, s2, s3)
  let hi = sum4(s4, s5, s6, s7)
  for (let q = end; q < rowBytes(k); q += 4) {
    const x = v128.load32_splat(a + q)
    lo = madd(x, f32x4(load<f32>(b + q), load<f32>(b1 + q), load<f32>(b2 + q), load<f32>(b3 + q)), lo)
    hi = madd(x, f32x4(load<f32>(b4 + q), load<f32>(b5 + q), load<f32>(b6 + q), load<f32>(b7 + q)), hi)
  }
  store4(c, lo, overwrite)
  store4(c + 16, hi, overwrite)
}

/** Σ_p a[p]·b[p] over k values (the columns left over by the blocks above). */
function dot1(a: usize, b: usize, k: i32): f32 {
  let s = f32x4.splat(0)
  const end = (<usize>(k & ~3)) << 2
  for (let q: usize = 0; q < end; q += 16) s = madd(v128.load(a + q), v128.load(b + q), s)
  let sum = f32x4.extract_lane(sum4(s, s, s, s), 0)
  for (let q = end; q < rowBytes(k); q += 4) sum += load<f32>(a + q) * load<f32>(b + q)
  return sum
}

/** [Σ lanes of s0, Σ lanes of s1, Σ lanes of s2, Σ lanes of s3], each as (l0 + l2) + (l1 + l3). */
function sum4(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  const x = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7))
  const y = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7))
  return f32x4.add(v128.shuffle<f32>(x, y, 0, 1, 4, 5), v128.shuffle<f32>(x, y, 2, 3, 6, 7))
}

function rowBytes(k: i32): usize {
  return (<usize>k) << 2
}

function store4(c: usize, v: v128, overwrite: bool): void {
  v128.store(c, overwrite ? v : f32x4.add(v128.load(c), v))
}

function store1(c: usize, v: f32, overwrite: bool): void {
  store<f32>(c, overwrite ? v : load<f32>(c) + v)
}
