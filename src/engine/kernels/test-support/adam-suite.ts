import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { getKernel } from '../registry'
import { randomFloats } from './close'

/**
 * adamUpdate on one backend against torch.optim.Adam's update written out element by element in
 * float64 with one float32 rounding per stored value (Math.fround): the result must be the SAME BITS
 * (tolerance 0) for W, m, v and v̂, over three steps (bias corrections change with t), with and
 * without weight decay and amsgrad, and lengths that are not a multiple of the SIMD width. ∂W is
 * never written.
 */
interface Options {
  weightDecay: number
  amsgrad: boolean
}

const LR = 0.01
const B1 = 0.9
const B2 = 0.999
const EPS = 1e-8

function definition(w: Float32Array, dw: Float32Array, s: Float32Array[], t: number, o: Options) {
  const [m, v, vmax] = s.map((a) => a.slice())
  const wOut = w.slice()
  const stepSize = LR / (1 - B1 ** t)
  const bc2Sqrt = Math.sqrt(1 - B2 ** t)
  for (let i = 0; i < w.length; i++) {
    const g = dw[i]! + o.weightDecay * w[i]!
    const mi = B1 * m![i]! + (1 - B1) * g
    let vi = B2 * v![i]! + (1 - B2) * g * g
    m![i] = Math.fround(mi)
    v![i] = Math.fround(vi)
    if (o.amsgrad) {
      vi = Math.max(vmax![i]!, v![i]!)
      vmax![i] = vi
    }
    wOut[i] = Math.fround(w[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + EPS))
  }
  return { w: wOut, state: o.amsgrad ? [m!, v!, vmax!] : [m!, v!] }
}

const optionSets: Options[] = [
  { weightDecay: 0, amsgrad: false }, // torch's defaults
  { weightDecay: 0.01, amsgrad: false },
  { weightDecay: 0, amsgrad: true },
  { weightDecay: 1e-3, amsgrad: true },
]

export function adamSuite(backend: string): void {
  describe('adamUpdate', () => {
    const rng = new Rng(78)
    for (const o of optionSets) {
      for (const n of [1, 6, 1027]) {
        it(`gives the definition's bits over 3 steps: n ${n}, ${JSON.stringify(o)}`, () => {
          const adam = getKernel('adamUpdate', backend)
          const w = randomFloats(rng, n)
          const state = (o.amsgrad ? [0, 1, 2] : [0, 1]).map(() => new Float32Array(n))
          for (let t = 1; t <= 3; t++) {
            const dw = randomFloats(rng, n, -t, t) // later gradients larger: v̂ keeps older maxima
            const dwBefore = dw.slice()
            const expected = definition(w, dw, state, t, o)
            const [m, v, vmax = null] = state
            adam(
              w,
              dw,
              m!,
              v!,
              vmax,
              n,
              LR / (1 - B1 ** t),
              B1,
              B2,
              EPS,
              o.weightDecay,
              Math.sqrt(1 - B2 ** t),
            )
            expect(Array.from(w)).toEqual(Array.from(expected.w))
            state.forEach((a, i) => expect(Array.from(a)).toEqual(Array.from(expected.state[i]!)))
            expect(Array.from(dw)).toEqual(Array.from(dwBefore))
          }
        })
      }
    }

    it('updates only the first n values and rejects a too-small buffer with a ShapeError', () => {
      const adam = getKernel('adamUpdate', backend)
      const w = Float32Array.of(1, 2, 3)
      const m = new Float32Array(3)
      const v = new Float32Array(3)
      adam(w, Float32Array.of(1, 1, 1), m, v, null, 2, 0.1 / (1 - B1), B1, B2, EPS, 0, Math.sqrt(1 - B2))
      // first step: m̂ = g, v̂ = g², so W moves by lr · g/|g| (minus a hair for ε)
      expect(w[0]).toBeCloseTo(0.9, 6)
      expect(w[1]).toBeCloseTo(1.9, 6)
      expect(w[2]).toBe(3)
      const short = new Float32Array(2)
      const ok = new Float32Array(3)
      expect(() => adam(short, ok, ok, ok, null, 3, 0.1, B1, B2, EPS, 0, 1)).toThrow(ShapeError)
      expect(() => adam(ok, short, ok, ok, null, 3, 0.1, B1, B2, EPS, 0, 1)).toThrow(ShapeError)
      expect(() => adam(ok, ok, short, ok, null, 3, 0.1, B1, B2, EPS, 0, 1)).toThrow(ShapeError)
      expect(() => adam(ok, ok, ok, ok, short, 3, 0.1, B1, B2, EPS, 0, 1)).toThrow(ShapeError)
    })
  })
}
