import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { getKernel } from '../registry'
import { randomFloats } from './close'

/**
 * squaredError on one backend against its definition written out in float64 (a JS number per
 * element, the squares added in index order): the gradient and the sum must be the SAME BITS
 * (tolerance 0), for lengths around the SIMD width, inputs of very different sizes, and the lecture's
 * tiny example. y and t are never written.
 */
function definition(y: Float32Array, t: Float32Array) {
  const grad = new Float32Array(y.length)
  let sum = 0
  for (let i = 0; i < y.length; i++) {
    const d = y[i]! - t[i]!
    grad[i] = Math.fround(d)
    sum += d * d
  }
  return { grad, sum }
}

export function squaredErrorSuite(backend: string): void {
  describe('squaredError', () => {
    const rng = new Rng(31)

    it("the lecture's example: out (0.8, 0.3) against t (1, 0) gives delta (−0.2, 0.3) and 0.13", () => {
      const grad = new Float32Array(2)
      const y = Float32Array.of(0.8, 0.3)
      const sum = getKernel('squaredError', backend)(grad, y, Float32Array.of(1, 0), 2)
      expect(Array.from(grad)).toEqual([Math.fround(Math.fround(0.8) - 1), Math.fround(0.3)])
      expect(sum).toBeCloseTo(0.13, 7)
    })

    for (const n of [1, 3, 4, 7, 64, 1027]) {
      it(`gives the definition's bits for n ${n}, with magnitudes from 1e-6 to 1e4`, () => {
        const y = randomFloats(rng, n).map((v, i) => v * 10 ** ((i % 11) - 6))
        const t = randomFloats(rng, n).map((v, i) => v * 10 ** ((i % 7) - 3))
        const yBefore = y.slice()
        const tBefore = t.slice()
        const grad = new Float32Array(n + 2).fill(7)
        const expected = definition(y, t)
        const sum = getKernel('squaredError', backend)(grad, y, t, n)
        expect(sum).toBe(expected.sum)
        expect(Array.from(grad.subarray(0, n))).toEqual(Array.from(expected.grad))
        expect(Array.from(grad.subarray(n))).toEqual([7, 7])
        expect(Array.from(y)).toEqual(Array.from(yBefore))
        expect(Array.from(t)).toEqual(Array.from(tBefore))
      })
    }

    it('rejects a buffer shorter than n with a ShapeError', () => {
      const se = getKernel('squaredError', backend)
      const ok = new Float32Array(3)
      expect(() => se(ok, new Float32Array(2), ok, 3)).toThrow(ShapeError)
      expect(() => se(ok, ok, new Float32Array(2), 3)).toThrow(ShapeError)
      expect(() => se(new Float32Array(2), ok, ok, 3)).toThrow(ShapeError)
    })
  })
}
