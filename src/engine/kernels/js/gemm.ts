import { requireLength } from './check'

/**
 * General matrix product, row-major, the workhorse of dense and conv2d (lecture ② and ③: U' = F·X'):
 *
 *   C (m×n) = op(A) · op(B)        (or C += … with accumulate)
 *   op(A) (m×k): A stored (m×k), or (k×m) when transA;   op(B) (k×n): B stored (k×n), or (n×k) when transB
 *
 * All four transpose combinations read A and B in place through strides (no copies):
 *   op(A)[i, p] = a[i·rowA + p·colA],  (rowA, colA) = (k, 1), or (1, m) when transA.
 * Two loop nests, both tiled so a block of B stays in cache while every row of A passes over it:
 *   B not transposed: i-k-j order, C[i, j0…j1] += A[i, p] · B[p, j0…j1]  (inner loop contiguous in B, C)
 *   B transposed:     dot products C[i, j] += Σ_p A[i, p] · B[j, p]     (B rows contiguous)
 * and both take four rows of B per pass (four products per load/store of C, or per load of A), summed
 * in float64 before one float32 rounding. C must not alias A or B. No allocation.
 */
const TILE_N = 256 // columns of C (and of op(B)) per tile
const TILE_K = 64 // inner-dimension steps per tile: a TILE_K × TILE_N block of B is 64 KiB

export function gemm(
  c: Float32Array,
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  requireLength('gemm', 'C', c, m * n, `(${m}×${n})`)
  requireLength('gemm', 'A', a, m * k, transA ? `stored (${k}×${m}) for transA` : `(${m}×${k})`)
  requireLength('gemm', 'B', b, k * n, transB ? `stored (${n}×${k}) for transB` : `(${k}×${n})`)
  if (!accumulate) c.fill(0, 0, m * n)
  const rowA = transA ? 1 : k
  const colA = transA ? m : 1
  if (transB) dotProducts(c, a, b, m, n, k, rowA, colA)
  else rowUpdates(c, a, b, m, n, k, rowA, colA)
}

/** C += op(A) · B with B stored (k×n): i-k-j order over TILE_K × TILE_N blocks of B. */
function rowUpdates(
  c: Float32Array,
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  rowA: number,
  colA: number,
): void {
  for (let j0 = 0; j0 < n; j0 += TILE_N) {
    const j1 = Math.min(n, j0 + TILE_N)
    for (let p0 = 0; p0 < k; p0 += TILE_K) {
      const p1 = Math.min(k, p0 + TILE_K)
      for (let i = 0; i < m; i++) {
        const ci = i * n
        const ai = i * rowA
        let p = p0
        // Four rows of B per pass: each C entry is loaded and stored once per four products.
        for (; p + 3 < p1; p += 4) {
          const a0 = a[ai + p * colA]
          const a1 = a[ai + (p + 1) * colA]
          const a2 = a[ai + (p + 2) * colA]
          const a3 = a[ai + (p + 3) * colA]
          const b0 = p * n
          for (let j = j0; j < j1; j++) {
            c[ci + j] += a0 * b[b0 + j] + a1 * b[b0 + n + j] + a2 * b[b0 + 2 * n + j] + a3 * b[b0 + 3 * n + j]
          }
        }
        for (; p < p1; p++) {
          const aip = a[ai + p * colA]
          const bp = p * n
          for (let j = j0; j < j1; j++) c[ci + j] += aip * b[bp + j]
        }
      }
    }
  }
}

/** C += op(A) · Bᵀ with B stored (n×k): dot products over tiles of TILE_K·4 steps × TILE_K rows of B. */
function dotProducts(
  c: Float32Array,
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  rowA: number,
  colA: number,
): void {
  const tileP = TILE_K * 4
  for (let j0 = 0; j0 < n; j0 += TILE_K) {
    const j1 = Math.min(n, j0 + TILE_K)
    for (let p0 = 0; p0 < k; p0 += tileP) {
      const p1 = Math.min(k, p0 + tileP)
      for (let i = 0; i < m; i++) {
        const ai = i * rowA
        const ci = i * n
        let j = j0
        // Four rows of B per pass share each load of A.
        for (; j + 3 < j1; j += 4) {
          const b0 = j * k
          let s0 = 0
          let s1 = 0
          let s2 = 0
          let s3 = 0
          for (let p = p0; p < p1; p++) {
            const aip = a[ai + p * colA]
            s0 += aip * b[b0 + p]
            s1 += aip * b[b0 + k + p]
            s2 += aip * b[b0 + 2 * k + p]
            s3 += aip * b[b0 + 3 * k + p]
          }
          c[ci + j] += s0
          c[ci + j + 1] += s1
          c[ci + j + 2] += s2
          c[ci + j + 3] += s3
        }
        for (; j < j1; j++) {
          const bj = j * k
          let sum = 0
          for (let p = p0; p < p1; p++) sum += a[ai + p * colA] * b[bj + p]
          c[ci + j] += sum
        }
      }
    }
  }
}
