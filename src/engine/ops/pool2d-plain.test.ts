import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { EngineError, ShapeError } from '../errors'
import { expectClose } from '../kernels/test-support/close'
import { readSeedVectors } from '../kernels/test-support/lecture-suite'
import { poolPlane } from './pool2d-plain'

const seed = readSeedVectors()
const ramp = Float32Array.from({ length: 16 }, (_, i) => i + 1) // the lecture's 4×4 image 1…16

describe('poolPlane: pooling one image by mode', () => {
  for (const example of seed.maxPool) {
    it(`lecture example: ${example.name}`, () => {
      const { input, size, stride, output } = example
      const image = Float32Array.from(input.flat())
      const out = poolPlane(image, input.length, input[0].length, { mode: 'max', size, stride })
      expect([out.height, out.width]).toEqual([output.length, output[0].length])
      expect(Array.from(out.data)).toEqual(output.flat())
      expect(Array.from(out.argmax ?? [], (i) => image[i])).toEqual(output.flat())
    })
  }

  it('max remembers where each maximum is: 6, 8, 14, 16 sit at 5, 7, 13, 15', () => {
    expect(Array.from(poolPlane(ramp, 4, 4, { mode: 'max', size: 2 }).argmax ?? [])).toEqual([5, 7, 13, 15])
  })

  it('avg and lp on the lecture image (stride defaults to the window size)', () => {
    const avg = poolPlane(ramp, 4, 4, { mode: 'avg', size: 2 })
    expect(Array.from(avg.data)).toEqual([3.5, 5.5, 11.5, 13.5])
    expect(avg.argmax).toBeUndefined()
    expect(Array.from(poolPlane(ramp, 4, 4, { mode: 'lp', size: 2, p: 1 }).data)).toEqual([14, 22, 46, 54])
    const l2 = poolPlane(ramp, 4, 4, { mode: 'lp', size: 2 }) // p = 2 by default
    const norms = [
      [1, 2, 5, 6],
      [3, 4, 7, 8],
      [9, 10, 13, 14],
      [11, 12, 15, 16],
    ].map((w) => Math.sqrt(w.reduce((s, v) => s + v * v, 0)))
    expectClose(l2.data, norms, { rtol: 1e-6, atol: 0 }, 'L2 pooling')
  })

  it('padding (max and avg) and overlapping windows: 3×3, stride 2, padding 1 on 5×5', () => {
    const image = Float32Array.from({ length: 25 }, (_, i) => i)
    const max = poolPlane(image, 5, 5, { mode: 'max', size: 3, stride: 2, padding: 1 })
    expect([max.height, max.width]).toEqual([3, 3])
    expect(Array.from(max.data)).toEqual([6, 8, 9, 16, 18, 19, 21, 23, 24])
    const avg = poolPlane(image, 5, 5, { mode: 'avg', size: 3, stride: 2, padding: 1 })
    expectClose(avg.data.subarray(0, 3), [12 / 9, 27 / 9, 24 / 9], { rtol: 1e-6, atol: 0 }, 'avg first row') // zeros counted
  })

  it('rejects what PyTorch rejects, naming the fix', () => {
    const image = new Float32Array(16)
    expect(() => poolPlane(image, 4, 4, { mode: 'lp', size: 2, padding: 1 })).toThrow(
      'pool2d: Lp pooling takes no padding, got 1; set padding 0',
    )
    expect(() => poolPlane(image, 4, 4, { mode: 'max', size: 2, padding: 2 })).toThrow(ShapeError)
    expect(() => poolPlane(image, 4, 4, { mode: 'lp', size: 2, p: 0.5 })).toThrow(EngineError)
    expect(() => poolPlane(image, 4, 4, { mode: 'median' as 'max', size: 2 })).toThrow(
      "mode must be 'max', 'avg' or 'lp'",
    )
    expect(() => poolPlane(image, 4, 4, { mode: 'max', size: 3 })).toThrow(
      'pool2d: output height (4 − 3 + 2·0)/3 + 1 = 1.3333 is not an integer; change stride or padding',
    )
    expect(() => poolPlane(image, 4, 3, { mode: 'max', size: 2 })).toThrow(
      'pool2d: image (4 × 3) needs 12 values, got 16',
    )
  })
})
