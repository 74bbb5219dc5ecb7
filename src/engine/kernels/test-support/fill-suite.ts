import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { getKernel } from '../registry'

/**
 * fill on one backend: y[0 … n) = value exactly (tolerance 0), the rest of y untouched, for zero,
 * −0 (its sign kept: not a plain memset), other values, and lengths around the SIMD width.
 */
export function fillSuite(backend: string): void {
  describe('fill', () => {
    for (const value of [0, -0, 1.5, -3.25, Number.NaN]) {
      for (const n of [0, 1, 3, 4, 5, 17, 1027]) {
        it(`sets the first ${n} of ${n + 3} values to ${Object.is(value, -0) ? '-0' : value}`, () => {
          const y = new Float32Array(n + 3).map((_, i) => i + 0.5)
          getKernel('fill', backend)(y, value, n)
          for (let i = 0; i < n; i++) expect(Object.is(y[i], Math.fround(value))).toBe(true)
          expect(Array.from(y.subarray(n))).toEqual([n + 0.5, n + 1.5, n + 2.5])
        })
      }
    }

    it('rejects a buffer shorter than n with a ShapeError', () => {
      expect(() => getKernel('fill', backend)(new Float32Array(2), 0, 3)).toThrow(ShapeError)
    })
  })
}
