import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import type { Conv2dGeometry } from '../kernel-types'
import { getKernel } from '../registry'
import { F32_U, expectClose, randomFloats } from './close'
import { convolveDirect, forEachColumnEntry, geometry, pixel } from './reference'

/**
 * conv2dForward / conv2dBackward (the whole-batch convolution) on one backend, against the
 * definitions computed in float64: y against a direct convolution plus bias; ∂F, ∂b and ∂x against
 * their sums over images and positions; ∂F and ∂b accumulate (+=) onto what was there, ∂x is written
 * (=) whole; dx = null leaves ∂F and ∂b the same. Tolerance: a float32 sum of k terms errs by at most
 * about k·U·Σ|terms| (U = 2^−24), with k the number of terms of each entry.
 */
const cases: { g: Conv2dGeometry; filters: number; batch: number }[] = [
  { g: geometry(1, 28, 28, [5, 5], [1, 1], [2, 2]), filters: 6, batch: 2 }, // LeNet-5 conv1
  { g: geometry(6, 14, 14, [5, 5], [1, 1], [0, 0]), filters: 16, batch: 3 }, // LeNet-5 conv2
  { g: geometry(6, 14, 14, [5, 5], [1, 1], [0, 0]), filters: 16, batch: 19 }, // ∂F in chunks 8 + 8 + 3 (wasm)
  { g: geometry(3, 9, 7, [3, 3], [2, 2], [1, 1]), filters: 5, batch: 4 },
  { g: geometry(2, 7, 5, [3, 3], [2, 2], [1, 1]), filters: 3, batch: 5 },
  { g: geometry(3, 8, 11, [5, 3], [2, 1], [2, 1]), filters: 9, batch: 1 },
  { g: geometry(1, 3, 4, [5, 5], [2, 3], [2, 2]), filters: 2, batch: 3 }, // window larger than the image
]

const label = ({ g, filters, batch }: (typeof cases)[number]): string =>
  `N ${batch}, C ${g.channels}, ${g.height}×${g.width}, M ${filters}, kernel ${g.kernelH}×${g.kernelW}, ` +
  `stride ${g.strideH},${g.strideW}, padding ${g.padH},${g.padW}`

/** X′ of image n by the definition: cols[r, p] with r = (c·KH + ky)·KW + kx, p = oy·OW + ox. */
function columnsOf(x: Float32Array, n: number, g: Conv2dGeometry): Float64Array {
  const positions = g.outH * g.outW
  const inSize = g.channels * g.height * g.width
  const cols = new Float64Array(g.channels * g.kernelH * g.kernelW * positions)
  forEachColumnEntry(g, (r, p, c, iy, ix) => {
    cols[r * positions + p] = pixel(x, n * inSize, g, c, iy, ix)
  })
  return cols
}

export function conv2dSuite(backend: string): void {
  describe('conv2dForward and conv2dBackward (whole batch)', () => {
    const rng = new Rng(2024)
    for (const testCase of cases) {
      const { g, filters, batch } = testCase
      const patch = g.channels * g.kernelH * g.kernelW
      const positions = g.outH * g.outW
      const inSize = g.channels * g.height * g.width
      const outSize = filters * positions
      const x = randomFloats(rng, batch * inSize)
      const w = randomFloats(rng, filters * patch)
      const b = randomFloats(rng, filters)
      const dy = randomFloats(rng, batch * outSize)
      const cols = new Float32Array(patch * positions)

      it(`forward is the direct convolution of every image plus the bias: ${label(testCase)}`, () => {
        const y = new Float32Array(batch * outSize).fill(Number.NaN) // every entry is written
        getKernel('conv2dForward', backend)(y, x, w, b, cols, batch, filters, g)
        const absW = w.map(Math.abs)
        for (let n = 0; n < batch; n++) {
          const image = x.subarray(n * inSize, (n + 1) * inSize)
          const expected = convolveDirect(image, w, filters, g)
          const scale = convolveDirect(image.map(Math.abs), absW, filters, g)
          for (let i = 0; i < outSize; i++) {
            const m = Math.floor(i / positions)
            expected[i] += b[m]!
            scale[i] += Math.abs(b[m]!)
          }
          const got = y.subarray(n * outSize, (n + 1) * outSize)
          expectClose(got, expected, { rtol: 2 * (patch + 1) * F32_U, atol: 1e-30, scale }, `y image ${n}`)
        }
        const noBias = new Float32Array(batch * outSize)
        getKernel('conv2dForward', backend)(noBias, x, w, null, cols, batch, filters, g)
        const expected = convolveDirect(x.subarray(0, inSize), w, filters, g)
        const scale = convolveDirect(x.subarray(0, inSize).map(Math.abs), absW, filters, g)
        expectClose(
          noBias.subarray(0, outSize),
          expected,
          { rtol: 2 * patch * F32_U, atol: 1e-30, scale },
          'no bias',
        )
      })

      it(`backward: ∂F, ∂b accumulate the sums over images and positions, ∂x is written: ${label(testCase)}`, () => {
        const dw0 = randomFloats(rng, filters * patch)
        const db0 = randomFloats(rng, filters)
        const dw = dw0.slice()
        const db = db0.slice()
        const dx = new Float32Array(batch * inSize).fill(Number.NaN) // written, not accumulated
        getKernel('conv2dBackward', backend)(dx, dw, db, dy, x, w, cols, batch, filters, g)

        const expectedDw = Float64Array.from(dw0)
        const scaleDw = Float64Array.from(dw0, Math.abs)
        const expectedDb = Float64Array.from(db0)
        const scaleDb = Float64Array.from(db0, Math.abs)
        const expectedDx = new Float64Array(batch * inSize)
        const scaleDx = new Float64Array(batch * inSize)
        for (let n = 0; n < batch; n++) {
          const xcols = columnsOf(x, n, g)
          // ∂X′ (patch, P) = Fᵗ Δ_n, scattered back by the definition of im2col
          const dcols = new Float64Array(patch * positions)
          const dcolsScale = new Float64Array(patch * positions)
          for (let m = 0; m < filters; m++) {
            for (let p = 0; p < positions; p++) {
              const d = dy[(n * filters + m) * positions + p]!
              expectedDb[m]! += d
              scaleDb[m]! += Math.abs(d)
              for (let r = 0; r < patch; r++) {
                expectedDw[m * patch + r]! += d * xcols[r * positions + p]!
                scaleDw[m * patch + r]! += Math.abs(d * xcols[r * positions + p]!)
                dcols[r * positions + p]! += w[m * patch + r]! * d
                dcolsScale[r * positions + p]! += Math.abs(w[m * patch + r]! * d)
              }
            }
          }
          forEachColumnEntry(g, (r, p, c, iy, ix, inside) => {
            if (!inside) return
            const at = n * inSize + (c * g.height + iy) * g.width + ix
            expectedDx[at]! += dcols[r * positions + p]!
            scaleDx[at]! += dcolsScale[r * positions + p]!
          })
        }
        const dwTerms = batch * positions + 1
        expectClose(dw, expectedDw, { rtol: 2 * dwTerms * F32_U, atol: 1e-30, scale: scaleDw }, 'dW')
        expectClose(db, expectedDb, { rtol: 2 * dwTerms * F32_U, atol: 1e-30, scale: scaleDb }, 'db')
        const dxTerms = filters * g.kernelH * g.kernelW
        expectClose(dx, expectedDx, { rtol: 2 * dxTerms * F32_U, atol: 1e-30, scale: scaleDx }, 'dx')

        // Without ∂x (a first layer): the same ∂F and ∂b, bit for bit.
        const dw2 = dw0.slice()
        const db2 = db0.slice()
        getKernel('conv2dBackward', backend)(null, dw2, db2, dy, x, w, cols, batch, filters, g)
        expect(Array.from(dw2)).toEqual(Array.from(dw))
        expect(Array.from(db2)).toEqual(Array.from(db))
        // Without ∂b: ∂F unchanged, nothing else touched.
        const dw3 = dw0.slice()
        getKernel('conv2dBackward', backend)(null, dw3, null, dy, x, w, cols, batch, filters, g)
        expect(Array.from(dw3)).toEqual(Array.from(dw))
      })
    }

    it('reject a too-small buffer with a ShapeError', () => {
      const g = geometry(2, 6, 6, [3, 3], [1, 1], [0, 0])
      const forward = getKernel('conv2dForward', backend)
      const backward = getKernel('conv2dBackward', backend)
      const x = new Float32Array(2 * 72)
      const y = new Float32Array(2 * 4 * 16)
      const w = new Float32Array(4 * 18)
      const cols = new Float32Array(18 * 16)
      expect(() => forward(y, x.subarray(1), w, null, cols, 2, 4, g)).toThrow(ShapeError)
      expect(() => forward(y.subarray(1), x, w, null, cols, 2, 4, g)).toThrow(ShapeError)
      expect(() => forward(y, x, w.subarray(1), null, cols, 2, 4, g)).toThrow(ShapeError)
      expect(() => backward(x.subarray(1), w.slice(), null, y, x, w, cols, 2, 4, g)).toThrow(ShapeError)
      expect(() => backward(null, w.subarray(1), null, y, x, w, cols, 2, 4, g)).toThrow(ShapeError)
      expect(() => backward(null, w.slice(), null, y.subarray(1), x, w, cols, 2, 4, g)).toThrow(ShapeError)
    })
  })
}
