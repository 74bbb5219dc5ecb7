import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { ShapeError } from '../errors'
import { Rng } from '../init/rng'
import { expectClose, randomFloats } from '../kernels/test-support/close'
import { readSeedVectors } from '../kernels/test-support/lecture-suite'
import { filter2d, imageColumns, outputSize } from './filter2d'

/** The lecture's seed vectors (src/engine/test-support/seed-vectors.json), the parts filter2d covers. */
interface FilterSeeds {
  outputSize: {
    cases: { input: number[]; filter: number[]; padding: number; stride: number; output: number[] }[]
  }
  filtering: {
    name: string
    input: number[][]
    filter: number[][] | string
    padding: number
    stride: number
    output: number[][]
  }[]
  filters: Record<string, number[][]>
  im2col: { input: number[][]; filter: number[][]; columns: number[][]; output: number[][] }
  vggShapes: {
    input: number[]
    stages: { convs: number; filters: number; out: number[]; pooled: number[] }[]
  }
}
const seed = readSeedVectors<FilterSeeds>()

/** g(y, x) = Σ_k Σ_l h(k, l) f(y·s + k − p, x·s + l − p) in float64, straight from the formula. */
function filterDirect(
  f: Float32Array,
  h: number,
  w: number,
  k: Float32Array,
  kh: number,
  kw: number,
  p: number,
  s: number,
): number[] {
  const out: number[] = []
  for (let top = -p; top + kh <= h + p; top += s) {
    for (let left = -p; left + kw <= w + p; left += s) {
      let sum = 0
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          const iy = top + a
          const ix = left + b
          if (iy >= 0 && iy < h && ix >= 0 && ix < w) sum += k[a * kw + b] * f[iy * w + ix]
        }
      }
      out.push(sum)
    }
  }
  return out
}

describe('outputSize: O = (I − F + 2p)/s + 1', () => {
  for (const c of seed.outputSize.cases) {
    it(`input ${c.input.join('×')}, filter ${c.filter.join('×')}, padding ${c.padding}, stride ${c.stride} → ${c.output.join('×')}`, () => {
      expect(outputSize(c.input[0], c.filter[0], c.padding, c.stride, 'height')).toBe(c.output[0])
      expect(outputSize(c.input[1], c.filter[1], c.padding, c.stride, 'width')).toBe(c.output[1])
    })
  }

  it('VGG: 3×3 convolutions (padding 1) keep the size, 2×2 pooling (stride 2) halves it, stage by stage', () => {
    let [height, width] = seed.vggShapes.input.slice(1)
    for (const stage of seed.vggShapes.stages) {
      for (let i = 0; i < stage.convs; i++) {
        height = outputSize(height, 3, 1, 1, 'height')
        width = outputSize(width, 3, 1, 1, 'width')
      }
      expect([stage.filters, height, width]).toEqual(stage.out) // channels = the stage's filters
      height = outputSize(height, 2, 0, 2, 'height', 'pool2d')
      width = outputSize(width, 2, 0, 2, 'width', 'pool2d')
      expect([stage.filters, height, width]).toEqual(stage.pooled)
    }
  })

  it('names the formula and the numbers when O is not an integer', () => {
    expect(() => outputSize(8, 3, 0, 2, 'width')).toThrow(ShapeError)
    expect(() => outputSize(8, 3, 0, 2, 'width')).toThrow(
      'filter2d: output width (8 − 3 + 2·0)/2 + 1 = 3.5 is not an integer; change stride or padding',
    )
    expect(() => outputSize(6, 3, 1, 3, 'height', 'pool2d')).toThrow(
      'pool2d: output height (6 − 3 + 2·1)/3 + 1 = 2.6667 is not an integer',
    )
    expect(() => outputSize(7, 3, 1, 4)).toThrow(
      'filter2d: output size (7 − 3 + 2·1)/4 + 1 = 2.5 is not an integer',
    )
  })

  it('names the formula when the filter is larger than the padded input (O < 1), and rejects bad arguments', () => {
    expect(() => outputSize(2, 5, 1, 1, 'width')).toThrow(
      'filter2d: output width (2 − 5 + 2·1)/1 + 1 = 0 is less than 1: the filter 5 is larger than the padded ' +
        'input 2 + 2·1 = 4; use a smaller filter or more padding',
    )
    expect(() => outputSize(5, 3, 0, 0)).toThrow('filter2d: stride must be an integer ≥ 1, got 0')
    expect(() => outputSize(5, 3, -1, 1)).toThrow('filter2d: padding must be an integer ≥ 0, got -1')
    expect(() => outputSize(5, 2.5, 0, 1, 'height')).toThrow(
      'filter2d: filter size (height) must be an integer ≥ 1',
    )
  })
})

describe('filter2d: g(x, y) = Σ_k Σ_l h(k, l) f(x + k, y + l) as im2col + GEMM', () => {
  for (const c of seed.filtering) {
    it(`lecture example: ${c.name}`, () => {
      const h = typeof c.filter === 'string' ? seed.filters[c.filter] : c.filter
      const out = filter2d(
        Float32Array.from(c.input.flat()),
        c.input.length,
        c.input[0].length,
        Float32Array.from(h.flat()),
        h.length,
        h[0].length,
        {
          padding: c.padding,
          stride: c.stride,
        },
      )
      expect([out.height, out.width]).toEqual([c.output.length, c.output[0].length])
      expectClose(out.data, c.output.flat(), { rtol: 0, atol: 1e-5 }, c.name) // the lecture prints 6 decimals
    })
  }

  it('lecture im2col example: imageColumns is X′ and filter2d gives the feature map', () => {
    const { input, filter, columns, output } = seed.im2col
    const image = Float32Array.from(input.flat())
    const cols = imageColumns(image, 4, 4, 2, 2)
    expect([cols.rows, cols.cols, cols.height, cols.width]).toEqual([4, 9, 3, 3])
    expect(Array.from(cols.columns)).toEqual(columns.flat())
    expect(Array.from(filter2d(image, 4, 4, Float32Array.from(filter.flat()), 2, 2).data)).toEqual(
      output.flat(),
    )
  })

  const rng = new Rng(5005)
  const cases: [number, number, number, number, number, number][] = [
    // height, width, kh, kw, padding, stride
    [9, 7, 3, 3, 1, 2],
    [11, 13, 5, 3, 2, 2],
    [6, 5, 2, 4, 1, 1],
    [13, 9, 3, 5, 2, 2],
    [1, 1, 1, 1, 0, 1],
  ]
  for (const [h, w, kh, kw, p, s] of cases) {
    it(`matches the direct sum on random data: ${h}×${w}, filter ${kh}×${kw}, padding ${p}, stride ${s}`, () => {
      const image = randomFloats(rng, h * w)
      const kernel = randomFloats(rng, kh * kw)
      const out = filter2d(image, h, w, kernel, kh, kw, { padding: p, stride: s })
      const expected = filterDirect(image, h, w, kernel, kh, kw, p, s)
      expect(out.data.length).toBe(expected.length)
      expect(out.height * out.width).toBe(expected.length)
      expectClose(out.data, expected, { rtol: 0, atol: 1e-6 * kh * kw }, 'filter2d')
    })
  }

  it('rejects an image or kernel whose size does not match its dimensions, and an impossible geometry', () => {
    expect(() => filter2d(new Float32Array(8), 3, 3, new Float32Array(9), 3, 3)).toThrow(
      'filter2d: image (3 × 3) needs 9 values, got 8',
    )
    expect(() => filter2d(new Float32Array(9), 3, 3, new Float32Array(4), 3, 3)).toThrow(
      'filter2d: kernel (3 × 3) needs 9 values, got 4',
    )
    expect(() => filter2d(new Float32Array(49), 7, 7, new Float32Array(9), 3, 3, { stride: 3 })).toThrow(
      'filter2d: output height (7 − 3 + 2·0)/3 + 1 = 2.3333 is not an integer; change stride or padding',
    )
  })
})
