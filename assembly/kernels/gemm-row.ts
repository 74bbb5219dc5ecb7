import { madd } from '../math/madd'

// The two vector shapes of GEMM at batch size 1: one row of A (gemmRow), and k = 1 (gemmOuter).

/**
 * GEMM with one row: c (1×n) (=|+=) a (1×k) · B (k×n), B not transposed — the per-sample dense layer
 * u = xW (the lecture's batch size 1). Every value of B is used once, so nothing is worth packing:
 * B is streamed row by row, 32 columns at a time,
 *
 *   c[j…j+32] = Σ_p a[p] · B[p, j…j+32]        8 accumulators, one broadcast of a[p] per step,
 *
 * 8 loads of B for 8 multiply-adds into 8 independent accumulators (enough to hide the add latency).
 * Then 8 columns at a time (2 accumulators), then one at a time. Summation over p in order: the
 * same result as the blocked kernel's 1-row path up to rounding, reproducible. Pointers in bytes.
 */
export function gemmRow(c: usize, a: usize, b: usize, n: i32, k: i32, overwrite: bool): void {
  const ldb = (<usize>n) << 2
  let j = 0
  for (; j + 32 <= n; j += 32) {
    let s0 = f32x4.splat(0)
    let s1 = f32x4.splat(0)
    let s2 = f32x4.splat(0)
    let s3 = f32x4.splat(0)
    let s4 = f32x4.splat(0)
    let s5 = f32x4.splat(0)
    let s6 = f32x4.splat(0)
    let s7 = f32x4.splat(0)
    let row = b + ((<usize>j) << 2)
    for (let p = 0; p < k; p++, row += ldb) {
      const x = v128.load32_splat(a + ((<usize>p) << 2))
      s0 = madd(x, v128.load(row), s0)
      s1 = madd(x, v128.load(row, 16), s1)
      s2 = madd(x, v128.load(row, 32), s2)
      s3 = madd(x, v128.load(row, 48), s3)
      s4 = madd(x, v128.load(row, 64), s4)
      s5 = madd(x, v128.load(row, 80), s5)
      s6 = madd(x, v128.load(row, 96), s6)
      s7 = madd(x, v128.load(row, 112), s7)
    }
    const out = c + ((<usize>j) << 2)
    store4(out, s0, overwrite)
    store4(out + 16, s1, overwrite)
    store4(out + 32, s2, overwrite)
    store4(out + 48, s3, overwrite)
    store4(out + 64, s4, overwrite)
    store4(out + 80, s5, overwrite)
    store4(out + 96, s6, overwrite)
    store4(out + 112, s7, overwrite)
  }
  for (; j + 8 <= n; j += 8) {
    let s0 = f32x4.splat(0)
    let s1 = f32x4.splat(0)
    let row = b + ((<usize>j) << 2)
    for (let p = 0; p < k; p++, row += ldb) {
      const x = v128.load32_splat(a + ((<usize>p) << 2))
      s0 = madd(x, v128.load(row), s0)
      s1 = madd(x, v128.load(row, 16), s1)
    }
    const out = c + ((<usize>j) << 2)
    store4(out, s0, overwrite)
    store4(out + 16, s1, overwrite)
  }
  for (; j < n; j++) {
    let sum: f32 = 0
    let at = b + ((<usize>j) << 2)
    for (let p = 0; p < k; p++, at += ldb) sum += load<f32>(a + ((<usize>p) << 2)) * load<f32>(at)
    const out = c + ((<usize>j) << 2)
    store<f32>(out, overwrite ? sum : load<f32>(out) + sum)
  }
}

/**
 * GEMM with k = 1, an outer product: C (m×n) (=|+=) a (m) ⊗ b (n), C[i, j] = a[i]·b[j] — the weight
 * gradient of a dense layer at batch size 1 (∂W = xᵀΔ). With one step, op(A) and op(B) are vectors
 * whose memory order does not depend on the transpose flags. Row by row: broadcast a[i], multiply b
 * four columns at a time into C (one load of b, one of C when accumulating, one store per vector).
 */
export function gemmOuter(c: usize, a: usize, b: usize, m: i32, n: i32, overwrite: bool): void {
  const vectorBytes = (<usize>(n & ~3)) << 2
  const rowBytes = (<usize>n) << 2
  for (let i = 0; i < m; i++) {
    const ai = load<f32>(a + ((<usize>i) << 2))
    const av = f32x4.splat(ai)
    const row = c + <usize>i * rowBytes
    let q: usize = 0
    if (overwrite) {
      for (; q < vectorBytes; q += 16) v128.store(row + q, f32x4.mul(av, v128.load(b + q)))
      for (; q < rowBytes; q += 4) store<f32>(row + q, ai * load<f32>(b + q))
    } else {
      for (; q < vectorBytes; q += 16) v128.store(row + q, madd(av, v128.load(b + q), v128.load(row + q)))
      for (; q < rowBytes; q += 4) store<f32>(row + q, load<f32>(row + q) + ai * load<f32>(b + q))
    }
  }
}

function store4(c: usize, v: v128, overwrite: bool): void {
  v128.store(c, overwrite ? v : f32x4.add(v128.load(c), v))
}
