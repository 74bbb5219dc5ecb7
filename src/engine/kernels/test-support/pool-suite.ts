import { describe, expect, it } from 'vitest'
import { EngineError, ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import type { Conv2dGeometry, PoolMode } from '../kernel-types'
import { getKernel } from '../registry'
import { expectClose, randomFloats, randomInt } from './close'
import { centralDifferences, geometry, poolReference } from './reference'

/**
 * Max, average and Lp pooling (lecture ④–⑤) on one backend: forward against the float64 definition
 * on random odd geometries (1, 3 and 6 planes, stride 1–3, padding up to half the window), backward
 * against central differences of that definition, accumulation, edge cases, and size errors.
 * The PyTorch fixture is checked in pool-fixture-suite.ts.
 */
interface ModeCase {
  mode: PoolMode
  p?: number
}
const MODES: ModeCase[] = [
  { mode: 'max' },
  { mode: 'avg' },
  { mode: 'lp', p: 1 },
  { mode: 'lp', p: 2 },
  { mode: 'lp', p: 3 },
  { mode: 'lp', p: 1.5 },
]

function poolGeometries(): Conv2dGeometry[] {
  const fixed = [
    geometry(1, 4, 4, [2, 2], [2, 2], [0, 0]),
    geometry(3, 7, 7, [2, 2], [2, 2], [0, 0]),
    geometry(3, 9, 7, [3, 3], [2, 2], [1, 1]),
    geometry(6, 5, 6, [3, 2], [1, 2], [1, 1]),
    geometry(1, 9, 9, [5, 5], [2, 2], [2, 2]),
  ]
  const rng = new Rng(3003)
  const random: Conv2dGeometry[] = []
  while (random.length < 6) {
    const k: [number, number] = [randomInt(rng, 1, 4), randomInt(rng, 1, 4)]
    const pad: [number, number] = [randomInt(rng, 0, k[0] >> 1), randomInt(rng, 0, k[1] >> 1)]
    const g = geometry(
      rng.int(2) === 0 ? 1 : 3,
      randomInt(rng, 3, 11),
      randomInt(rng, 3, 11),
      k,
      [randomInt(rng, 1, 3), randomInt(rng, 1, 3)],
      pad,
    )
    if (g.outH >= 1 && g.outW >= 1) random.push(g)
  }
  return [...fixed, ...random]
}

const label = (g: Conv2dGeometry): string =>
  `${g.channels} planes ${g.height}×${g.width}, window ${g.kernelH}×${g.kernelW}, stride ${g.strideH},${g.strideW}, padding ${g.padH},${g.padW}`

/** Inputs; for Lp pooling |x| ≥ 0.05, away from the kink of |x| at 0. */
function inputs(rng: Rng, n: number, mode: PoolMode): Float32Array {
  const x = randomFloats(rng, n)
  if (mode === 'lp') for (let i = 0; i < n; i++) x[i] = Math.sign(x[i] || 1) * (0.05 + 0.95 * Math.abs(x[i]))
  return x
}

/** Runs the backend's forward; returns y (and argmax for max). */
export function poolForward(
  backend: string,
  mode: PoolMode,
  x: Float32Array,
  g: Conv2dGeometry,
  p = 2,
): { y: Float32Array; argmax: Int32Array } {
  const y = new Float32Array(g.channels * g.outH * g.outW)
  const argmax = new Int32Array(y.length)
  if (mode === 'max') getKernel('maxPoolForward', backend)(y, argmax, x, g)
  else if (mode === 'avg') getKernel('avgPoolForward', backend)(y, x, g)
  else getKernel('lpPoolForward', backend)(y, x, g, p)
  return { y, argmax }
}

/** Runs the backend's backward, accumulating into dx. */
export function poolBackward(
  backend: string,
  mode: PoolMode,
  dx: Float32Array,
  dy: Float32Array,
  x: Float32Array,
  forward: { y: Float32Array; argmax: Int32Array },
  g: Conv2dGeometry,
  p = 2,
): void {
  if (mode === 'max') getKernel('maxPoolBackward', backend)(dx, dy, forward.argmax, dy.length)
  else if (mode === 'avg') getKernel('avgPoolBackward', backend)(dx, dy, g)
  else getKernel('lpPoolBackward', backend)(dx, dy, x, forward.y, g, p)
}

export function poolSuite(backend: string): void {
  describe('pooling', () => {
    const rng = new Rng(3004)
    for (const { mode, p } of MODES) {
      const title = mode === 'lp' ? `lp p=${p}` : mode
      for (const g of poolGeometries()) {
        it(`${title} forward is the definition: ${label(g)}`, () => {
          const x = inputs(rng, g.channels * g.height * g.width, mode)
          const out = poolForward(backend, mode, x, g, p)
          const ref = poolReference(x, g, mode, p)
          if (mode === 'max') {
            expect(Array.from(out.y)).toEqual(Array.from(ref.y))
            expect(Array.from(out.argmax)).toEqual(Array.from(ref.argmax))
          } else {
            // Sums of at most KH·KW terms of size ≤ 1: float32 rounding stays below 1e-6 absolute.
            expectClose(out.y, ref.y, { rtol: 1e-5, atol: 1e-6 }, `${title} y`)
          }
        })

        it(`${title} backward matches central differences and accumulates: ${label(g)}`, () => {
          const x = inputs(rng, g.channels * g.height * g.width, mode)
          const dy = randomFloats(rng, g.channels * g.outH * g.outW)
          const forward = poolForward(backend, mode, x, g, p)
          const start = randomFloats(rng, x.length)
          const dx = start.slice()
          poolBackward(backend, mode, dx, dy, x, forward, g, p)
          const numeric = centralDifferences((v) => poolReference(v, g, mode, p).y, x, dy)
          const expected = numeric.map((v, i) => v + start[i])
          expectClose(dx, expected, { rtol: 1e-4, atol: 1e-5 }, `${title} dx`)
        })
      }
    }

    it('max: padding never wins, ties go to the first maximum, NaN propagates', () => {
      const g = geometry(1, 2, 3, [2, 2], [1, 1], [1, 1]) // 3×4 outputs
      const x = Float32Array.of(-5, -5, -7, Number.NaN, -1, -1)
      const { y, argmax } = poolForward(backend, 'max', x, g)
      expect(Array.from(y)).toEqual([-5, -5, -5, -7, NaN, NaN, -1, -1, NaN, NaN, -1, -1])
      expect(Array.from(argmax)).toEqual([0, 0, 1, 2, 3, 3, 4, 5, 3, 3, 4, 5])
    })

    it('max: a window wholly in the padding gives y = 0, argmax −1, and no gradient', () => {
      const g = geometry(1, 1, 1, [1, 1], [1, 1], [1, 1]) // 3×3 outputs, only the centre sees the pixel
      const { y, argmax } = poolForward(backend, 'max', Float32Array.of(-2), g)
      expect(Array.from(y)).toEqual([0, 0, 0, 0, -2, 0, 0, 0, 0])
      expect(Array.from(argmax)).toEqual([-1, -1, -1, -1, 0, -1, -1, -1, -1])
      const dx = Float32Array.of(0.5)
      getKernel('maxPoolBackward', backend)(dx, new Float32Array(9).fill(1), argmax, 9)
      expect(dx[0]).toBe(1.5)
    })

    it('avg counts the zero padding (count_include_pad): 3×3 windows of ones give 4/9, 6/9, 1', () => {
      const g = geometry(1, 3, 3, [3, 3], [1, 1], [1, 1])
      const { y } = poolForward(backend, 'avg', new Float32Array(9).fill(1), g)
      expectClose(
        y,
        [4, 6, 4, 6, 9, 6, 4, 6, 4].map((v) => v / 9),
        { rtol: 0, atol: 1e-7 },
        'avg',
      )
    })

    it('lp: an all-zero window gives 0 and no gradient; x = 0 with p = 1 gets gradient 0 (sign 0)', () => {
      const g = geometry(2, 2, 2, [2, 2], [2, 2], [0, 0])
      const x = Float32Array.of(0, 0, 0, 0, 0, 3, -4, 0)
      for (const p of [1, 2, 3]) {
        const forward = poolForward(backend, 'lp', x, g, p)
        expect(forward.y[0]).toBe(0)
        const dx = new Float32Array(8)
        poolBackward(backend, 'lp', dx, Float32Array.of(1, 1), x, forward, g, p)
        expect(Array.from(dx.subarray(0, 4))).toEqual([0, 0, 0, 0])
        expect(dx[4]).toBe(0)
        expect(dx[7]).toBe(0)
      }
      const forward = poolForward(backend, 'lp', x, g, 2)
      expect(forward.y[1]).toBeCloseTo(5, 6) // √(3² + 4²)
      const dx = new Float32Array(8)
      poolBackward(backend, 'lp', dx, Float32Array.of(1, 10), x, forward, g, 2)
      expectClose(dx.subarray(4), [0, 6, -8, 0], { rtol: 1e-6, atol: 0 }, 'dx = Δ·x/y') // sign-correct
    })

    it('lp does not overflow for large values and large p: 4 × 1e38 with p = 10 gives 1e38·4^(1/10)', () => {
      const g = geometry(1, 2, 2, [2, 2], [1, 1], [0, 0])
      const x = new Float32Array(4).fill(1e38)
      const forward = poolForward(backend, 'lp', x, g, 10)
      expectClose(forward.y, [Math.fround(1e38) * Math.pow(4, 0.1)], { rtol: 1e-6, atol: 0 }, 'y')
      const dx = new Float32Array(4)
      poolBackward(backend, 'lp', dx, Float32Array.of(1), x, forward, g, 10)
      expectClose(dx, new Array(4).fill(Math.pow(4, -0.9)), { rtol: 1e-5, atol: 0 }, 'dx') // (1/4^(1/10))^9
    })

    it('lp rejects p < 1; the kernels reject too-small buffers with a ShapeError', () => {
      const g = geometry(2, 4, 4, [2, 2], [2, 2], [0, 0])
      const x = new Float32Array(32)
      expect(() => getKernel('lpPoolForward', backend)(new Float32Array(8), x, g, 0.5)).toThrow(EngineError)
      expect(() => getKernel('lpPoolForward', backend)(new Float32Array(7), x, g, 2)).toThrow(ShapeError)
      expect(() =>
        getKernel('maxPoolForward', backend)(new Float32Array(8), new Int32Array(8), x.subarray(1), g),
      ).toThrow(ShapeError)
      expect(() =>
        getKernel('avgPoolBackward', backend)(new Float32Array(32), new Float32Array(7), g),
      ).toThrow(ShapeError)
      expect(() =>
        getKernel('maxPoolBackward', backend)(new Float32Array(4), new Float32Array(1), Int32Array.of(4), 1),
      ).toThrow(ShapeError)
    })
  })
}
