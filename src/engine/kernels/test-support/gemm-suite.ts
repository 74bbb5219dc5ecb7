import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { getKernel } from '../registry'
import { F32_U, expectClose, randomFloats } from './close'
import { gemmReference } from './reference'

/**
 * gemm on one backend: the four transpose combinations against the float64 definition, with sizes
 * that are odd, 1, and larger than any sensible tile (300 columns, 260-long dot products), the
 * accumulate flag, views into larger buffers, and size errors.
 *
 * Tolerance: a float32 sum of k products errs by at most about k·u·Σ|a·b| (u = 2^−24), so each
 * entry must be within 2·k·u·Σ_p |A_ip B_pj| + 1e−30 of the exact value.
 */
const SIZES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [17, 13, 9],
  [4, 300, 70],
  [70, 9, 260],
  [33, 65, 129],
]
const COMBOS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
]

function tolerance(k: number, scale: Float64Array): { rtol: number; atol: number; scale: Float64Array } {
  return { rtol: 2 * Math.max(k, 1) * F32_U, atol: 1e-30, scale }
}

export function gemmSuite(backend: string): void {
  describe('gemm', () => {
    const rng = new Rng(1001)
    for (const [transA, transB] of COMBOS) {
      for (const [m, n, k] of SIZES) {
        it(`op(A)·op(B), transA ${transA}, transB ${transB}, (${m}×${k})·(${k}×${n})`, () => {
          const gemm = getKernel('gemm', backend)
          const a = randomFloats(rng, m * k)
          const b = randomFloats(rng, k * n)
          const c = new Float32Array(m * n).fill(Number.NaN) // overwritten, not added to
          gemm(c, a, b, m, n, k, transA, transB, false)
          const ref = gemmReference(a, b, m, n, k, transA, transB)
          expectClose(c, ref.value, tolerance(k, ref.scale), 'C')
        })
      }
    }

    it('accumulate adds the product to C in all four combinations', () => {
      const gemm = getKernel('gemm', backend)
      const [m, n, k] = [6, 11, 5]
      for (const [transA, transB] of COMBOS) {
        const a = randomFloats(rng, m * k)
        const b = randomFloats(rng, k * n)
        const c0 = randomFloats(rng, m * n)
        const c = c0.slice()
        gemm(c, a, b, m, n, k, transA, transB, true)
        const ref = gemmReference(a, b, m, n, k, transA, transB)
        const expected = ref.value.map((v, i) => v + c0[i])
        const scale = ref.scale.map((s, i) => s + Math.abs(c0[i]))
        expectClose(c, expected, tolerance(k + 1, scale), `C += (transA ${transA}, transB ${transB})`)
      }
    })

    it('k = 0: C = 0, or C unchanged when accumulating', () => {
      const gemm = getKernel('gemm', backend)
      const c = Float32Array.of(5, 6, 7)
      gemm(c, new Float32Array(0), new Float32Array(0), 1, 3, 0, false, false, true)
      expect(Array.from(c)).toEqual([5, 6, 7])
      gemm(c, new Float32Array(0), new Float32Array(0), 3, 1, 0, true, true, false)
      expect(Array.from(c)).toEqual([0, 0, 0])
    })

    it('works on views into larger buffers and writes only m·n entries of C', () => {
      const gemm = getKernel('gemm', backend)
      const [m, n, k] = [3, 4, 5]
      const store = new Float32Array(40).fill(9)
      const c = store.subarray(10, 10 + m * n)
      const a = randomFloats(rng, m * k + 3).subarray(3)
      const b = randomFloats(rng, k * n)
      gemm(c, a, b, m, n, k, false, false, false)
      const ref = gemmReference(a, b, m, n, k, false, false)
      expectClose(c, ref.value, tolerance(k, ref.scale), 'C view')
      expect(Array.from(store.subarray(0, 10))).toEqual(new Array(10).fill(9))
      expect(Array.from(store.subarray(22))).toEqual(new Array(18).fill(9))
    })

    it('a 2×2 example by hand, in every combination', () => {
      const gemm = getKernel('gemm', backend)
      const a = Float32Array.of(1, 2, 3, 4) // [[1, 2], [3, 4]]
      const b = Float32Array.of(5, 6, 7, 8) // [[5, 6], [7, 8]]
      const c = new Float32Array(4)
      gemm(c, a, b, 2, 2, 2, false, false, false)
      expect(Array.from(c)).toEqual([19, 22, 43, 50]) // A·B
      gemm(c, a, b, 2, 2, 2, true, false, false)
      expect(Array.from(c)).toEqual([26, 30, 38, 44]) // Aᵀ·B
      gemm(c, a, b, 2, 2, 2, false, true, false)
      expect(Array.from(c)).toEqual([17, 23, 39, 53]) // A·Bᵀ
      gemm(c, a, b, 2, 2, 2, true, true, false)
      expect(Array.from(c)).toEqual([23, 31, 34, 46]) // Aᵀ·Bᵀ
    })

    it('rejects buffers smaller than the dimensions with a ShapeError', () => {
      const gemm = getKernel('gemm', backend)
      const call = (): void =>
        gemm(new Float32Array(6), new Float32Array(5), new Float32Array(9), 2, 3, 3, false, false, false)
      expect(call).toThrow(ShapeError)
      expect(call).toThrow(/gemm: A \(2×3\) needs 6 values, got a buffer of 5/)
    })
  })
}
