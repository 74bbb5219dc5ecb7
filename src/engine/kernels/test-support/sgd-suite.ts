import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { getKernel } from '../registry'
import { randomFloats } from './close'

/**
 * sgdUpdate on one backend against torch.optim.SGD's update written out element by element in
 * float64 with one float32 rounding per stored value (Math.fround): the result must be the SAME
 * BITS (tolerance 0), for every option combination, first and later steps, and a length that is not
 * a multiple of the SIMD width. ∂W is never written.
 */
interface Options {
  momentum: number
  dampening: number
  nesterov: boolean
  weightDecay: number
}

function definition(
  w: Float32Array,
  dw: Float32Array,
  b: Float32Array | null,
  lr: number,
  o: Options,
  first: boolean,
) {
  const wOut = w.slice()
  const bOut = b ? b.slice() : null
  for (let i = 0; i < w.length; i++) {
    const g = o.weightDecay === 0 ? dw[i]! : dw[i]! + o.weightDecay * w[i]!
    let d = g
    if (bOut) {
      const bi = first ? g : o.momentum * bOut[i]! + (1 - o.dampening) * g
      bOut[i] = Math.fround(bi)
      d = o.nesterov ? g + o.momentum * bi : bi
    }
    wOut[i] = Math.fround(w[i]! - lr * d)
  }
  return { w: wOut, b: bOut }
}

const optionSets: Options[] = [
  { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 }, // the lecture's W ← W − α∂W
  { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0.01 },
  { momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 },
  { momentum: 0.9, dampening: 0.3, nesterov: false, weightDecay: 5e-4 },
  { momentum: 0.8, dampening: 0, nesterov: true, weightDecay: 0 },
  { momentum: 0.8, dampening: 0, nesterov: true, weightDecay: 1e-3 },
]

export function sgdSuite(backend: string): void {
  describe('sgdUpdate', () => {
    const rng = new Rng(77)
    for (const o of optionSets) {
      for (const n of [1, 7, 1027]) {
        it(`gives the definition's bits: n ${n}, ${JSON.stringify(o)}`, () => {
          const sgd = getKernel('sgdUpdate', backend)
          const w = randomFloats(rng, n)
          const dw = randomFloats(rng, n)
          const dwBefore = dw.slice()
          const b = o.momentum !== 0 ? randomFloats(rng, n) : null
          let expected = definition(w, dw, b, 0.05, o, true)
          sgd(w, dw, b, n, 0.05, o.momentum, o.dampening, o.nesterov, o.weightDecay, true)
          expect(Array.from(w)).toEqual(Array.from(expected.w))
          if (b) expect(Array.from(b)).toEqual(Array.from(expected.b!))
          const dw2 = randomFloats(rng, n)
          expected = definition(w, dw2, b, 0.05, o, false)
          sgd(w, dw2, b, n, 0.05, o.momentum, o.dampening, o.nesterov, o.weightDecay, false)
          expect(Array.from(w)).toEqual(Array.from(expected.w))
          if (b) expect(Array.from(b)).toEqual(Array.from(expected.b!))
          expect(Array.from(dw)).toEqual(Array.from(dwBefore))
        })
      }
    }

    it('updates only the first n values and rejects a too-small buffer with a ShapeError', () => {
      const sgd = getKernel('sgdUpdate', backend)
      const w = new Float32Array([1, 2, 3])
      sgd(w, new Float32Array([1, 1, 1]), null, 2, 0.5, 0, 0, false, 0, true)
      expect(Array.from(w)).toEqual([0.5, 1.5, 3])
      expect(() => sgd(new Float32Array(2), new Float32Array(3), null, 3, 0.1, 0, 0, false, 0, true)).toThrow(
        ShapeError,
      )
      expect(() => sgd(new Float32Array(3), new Float32Array(2), null, 3, 0.1, 0, 0, false, 0, true)).toThrow(
        ShapeError,
      )
      expect(() =>
        sgd(new Float32Array(3), new Float32Array(3), new Float32Array(2), 3, 0.1, 0.9, 0, false, 0, true),
      ).toThrow(ShapeError)
    })
  })
}
