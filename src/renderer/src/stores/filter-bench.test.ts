import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { fitSize, MAX_SIDE } from '../components/filter-bench/decode-image'
import { gaborKernel } from '../components/filter-bench/filter-kernels'
import { greyFromRgba } from '../components/filter-bench/greyscale'
import { planeRange, planeToRgba } from '../components/filter-bench/plane-display'
import { sampleImage } from '../components/filter-bench/sample-image'
import { problemString, problemText } from '../components/model-editor/problem-text'
import { createAppI18n } from '../i18n'
import { useFilterBenchStore } from './filter-bench'

const plane = (rows: number[][]) => ({
  name: 'test',
  width: rows[0]!.length,
  height: rows.length,
  data: Float32Array.from(rows.flat()),
  original: undefined,
})
const values = (data: Float32Array | undefined, digits = 6) =>
  Array.from(data ?? [], (v) => Number(v.toFixed(digits)))

// The lecture's worked examples (seed-vectors.json: filtering, maxPool).
const lecture5x5 = [
  [2, 4, 1, 3, 5],
  [3, 2, 6, 2, 8],
  [1, 0, 3, 4, 2],
  [6, 2, 1, 7, 5],
  [5, 3, 2, 5, 6],
]
const featureMap8x8 = [
  [22, 27, 26, 68, 64, 39, 38, 72],
  [16, 84, 29, 4, 10, 47, 25, 3],
  [37, 66, 7, 89, 49, 72, 81, 24],
  [83, 67, 61, 70, 95, 88, 43, 48],
  [54, 70, 0, 49, 54, 34, 29, 92],
  [10, 97, 25, 1, 67, 43, 10, 67],
  [61, 66, 59, 16, 54, 85, 58, 17],
  [29, 32, 87, 63, 37, 15, 8, 44],
]

describe('useFilterBenchStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('the lecture’s sharpen filter turns 40 60 40 / 80 110 80 / 100 100 100 into 230', () => {
    const store = useFilterBenchStore()
    store.setImage(
      plane([
        [40, 60, 40],
        [80, 110, 80],
        [100, 100, 100],
      ]),
    )
    store.filter = 'sharpen'
    store.padding = 0
    expect(Array.from(store.kernel.values)).toEqual([0, -1, 0, -1, 5, -1, 0, -1, 0])
    expect(store.filterSizes.map((s) => s.formula)).toEqual([
      '(3 − 3 + 2·0)/1 + 1 = 1',
      '(3 − 3 + 2·0)/1 + 1 = 1',
    ])
    expect(Array.from(store.filtered!.plane!.data)).toEqual([230])
  })

  it('the lecture’s 3×3 mean: without padding 3×3, with zero padding 1 the same 5×5 size', () => {
    const store = useFilterBenchStore()
    store.setImage(plane(lecture5x5))
    store.filter = 'mean'
    store.meanSize = 3
    store.padding = 0
    expect(values(store.filtered!.plane!.data)).toEqual(
      [
        [2.444444, 2.777778, 3.777778],
        [2.666667, 3, 4.222222],
        [2.555556, 3, 3.888889],
      ].flat(),
    )
    store.padding = 1
    const out = store.filtered!.plane!
    expect([out.height, out.width]).toEqual([5, 5])
    expect(values(out.data).slice(0, 5)).toEqual([1.222222, 2, 2, 2.777778, 2])
  })

  it('starts with same-size padding and 3×3 pooling with stride 2, which fit the sample', () => {
    const store = useFilterBenchStore()
    store.useSample()
    expect(store.filter).toBe('sharpen')
    expect(store.filterSizes.map((s) => s.formula)).toEqual([
      '(99 − 3 + 2·1)/1 + 1 = 99',
      '(99 − 3 + 2·1)/1 + 1 = 99',
    ])
    expect(store.poolSizes.map((s) => s.formula)).toEqual([
      '(99 − 3 + 2·0)/2 + 1 = 49',
      '(99 − 3 + 2·0)/2 + 1 = 49',
    ])
    expect([store.pooled!.plane!.height, store.pooled!.plane!.width]).toEqual([49, 49])
  })

  it('shows the output size with the numbers and the engine’s message when it is not whole', () => {
    const store = useFilterBenchStore()
    store.useSample()
    store.filter = 'sharpen'
    store.padding = 1
    store.stride = 2
    expect(store.filterSizes.map((s) => [s.axis, s.formula, s.error])).toEqual([
      ['height', '(99 − 3 + 2·1)/2 + 1 = 50', undefined],
      ['width', '(99 − 3 + 2·1)/2 + 1 = 50', undefined],
    ])
    expect([store.filtered!.plane!.height, store.filtered!.plane!.width]).toEqual([50, 50])

    store.stride = 3
    expect(store.filterSizes[0]!.formula).toBe('(99 − 3 + 2·1)/3 + 1 = 33.6667')
    expect(store.filterSizes[0]!.error).toBe(
      'filter2d: output height (99 − 3 + 2·1)/3 + 1 = 33.6667 is not an integer; change stride or padding',
    )
    expect(store.filtered!.error).toBe(store.filterSizes[0]!.error)
    expect(store.filtered!.plane).toBeUndefined()
    expect(store.pooled).toBeUndefined()
    // The same problem with its code and numbers, which the screen says in Japanese.
    const problem = store.filterSizes[0]!.problem!
    expect(problem).toMatchObject({
      code: 'output-size-not-integer',
      params: { label: 'filter2d', axis: 'height', input: 99, kernel: 3, pad: 1, stride: 3 },
      message: store.filterSizes[0]!.error,
    })
    const { t, te } = createAppI18n('ja').global
    const ja = problemString(
      problemText(problem, {
        t: (key, named) => t(key as never, named ?? {}),
        te: (key) => te(key as never),
        locale: 'ja',
      }),
    )
    expect(ja).toBe(
      'filter2d: 出力サイズの高さ (99 − 3 + 2·1)/3 + 1 = 33.6667 が整数になりません。ストライドかパディングを変えてください',
    )
  })

  it('a filter larger than the padded image is refused with the engine’s advice', () => {
    const store = useFilterBenchStore()
    store.setImage(plane([[1, 2, 3, 4]]))
    store.filter = 'mean'
    store.meanSize = 3
    store.padding = 0
    expect(store.filterSizes[0]!.error).toBe(
      'filter2d: output height (1 − 3 + 2·0)/1 + 1 = −1 is less than 1: the filter 3 is larger than the ' +
        'padded input 1 + 2·0 = 1; use a smaller filter or more padding',
    )
    store.padding = 1
    expect(store.filterSizes.map((s) => s.value)).toEqual([1, 4])
    expect(store.filtered!.error).toBeUndefined()
  })

  it('pools the filtered image: the lecture’s 2×2 max pooling with stride 2', () => {
    const store = useFilterBenchStore()
    store.setImage(plane(featureMap8x8))
    store.padding = 0
    store.setPool('size', 2)
    store.filter = 'custom'
    store.setCustomSize(1) // the 3×3 identity shrinks to its centre, 1
    expect(store.custom.values).toEqual([1])
    expect(Array.from(store.filtered!.plane!.data)).toEqual(featureMap8x8.flat())
    expect(store.poolSizes.map((s) => s.formula)).toEqual([
      '(8 − 2 + 2·0)/2 + 1 = 4',
      '(8 − 2 + 2·0)/2 + 1 = 4',
    ])
    expect(Array.from(store.pooled!.plane!.data)).toEqual([
      84, 68, 64, 72, 83, 89, 95, 81, 97, 49, 67, 92, 66, 87, 85, 58,
    ])
    store.setPool('mode', 'avg')
    expect(store.pooled!.plane!.data[0]).toBeCloseTo((22 + 27 + 16 + 84) / 4, 5)
    store.setPool('mode', 'lp')
    store.setPool('p', 2)
    expect(store.pooled!.plane!.data[0]).toBeCloseTo(Math.hypot(22, 27, 16, 84), 3)
    store.setPool('stride', 4)
    expect(store.poolSizes[0]!.error).toBe(
      'pool2d: output height (8 − 2 + 2·0)/4 + 1 = 2.5 is not an integer; change stride or padding',
    )
    expect(store.pooled!.error).toBe(store.poolSizes[0]!.error)
  })

  it('edits a custom kernel in its grid and copies a filter into it', () => {
    const store = useFilterBenchStore()
    store.setImage(plane(lecture5x5))
    store.filter = 'sobel-x'
    store.editAsCustom()
    expect(store.filter).toBe('custom')
    expect(store.custom).toEqual({ size: 3, values: [-1, 0, 1, -2, 0, 2, -1, 0, 1] })
    store.setCustomValue(4, 1)
    expect(Array.from(store.kernel.values)).toEqual([-1, 0, 1, -2, 1, 2, -1, 0, 1])
    store.setCustomValue(0, Number.NaN) // an emptied cell counts as 0
    expect(store.kernel.values[0]).toBe(0)
    store.setCustomSize(5)
    expect(store.custom.values.slice(5, 10)).toEqual([0, Number.NaN, 0, 1, 0])
    store.setCustomSize(8)
    expect(store.custom.size).toBe(5)
  })

  it('the sample image is 99 × 99 whole grey levels', () => {
    const { width, height, data } = sampleImage()
    expect([width, height]).toEqual([99, 99])
    expect(data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true)
    const { min, max } = planeRange(data)
    expect(min).toBeLessThan(30)
    expect(max).toBeGreaterThan(230)
  })
})

describe('filter bench helpers', () => {
  it('greys RGBA as Pillow’s convert("L"): 16-bit fixed point, halves up, alpha ignored', () => {
    const rgba = [
      1, 0, 0, 255, 2, 0, 0, 255, 0, 0, 5, 0, 200, 100, 50, 128, 77, 77, 77, 255, 255, 255, 255, 255,
    ]
    // (2,0,0) → (2·19595 + 32768) >> 16 = 1 where 0.299·2 = 0.598 also rounds to 1; (200,100,50) → 124
    expect(Array.from(greyFromRgba(rgba, 6, 1))).toEqual([0, 1, 1, 124, 77, 255])
    expect(() => greyFromRgba([1, 2, 3], 1, 1)).toThrow(/needs 4 bytes, got 3/)
  })

  it('a Gabor kernel is cos ψ at its centre and turns with θ', () => {
    const base = { size: 7, theta: 0, sigma: 2, lambda: 4, gamma: 0.5, psi: 0 }
    const k0 = gaborKernel(base)
    expect(k0.values[24]).toBeCloseTo(1, 6)
    expect(gaborKernel({ ...base, psi: 90 }).values[24]).toBeCloseTo(0, 6)
    const k90 = gaborKernel({ ...base, theta: 90 })
    for (let r = 0; r < 7; r++) {
      for (let c = 0; c < 7; c++) expect(k90.values[r * 7 + c]).toBeCloseTo(k0.values[c * 7 + r]!, 6)
    }
    // θ = 0: constant down each column (along Y the envelope only scales), cos(2π·x/λ) across X
    expect(k0.values[3 * 7 + 3 + 2]).toBeCloseTo(Math.exp(-4 / 8) * Math.cos(Math.PI), 6)
  })

  it('scales large pictures down to fit the bench, keeping their aspect ratio', () => {
    expect(MAX_SIDE).toBe(192)
    expect(fitSize(4000, 3000)).toEqual({ width: 192, height: 144 })
    expect(fitSize(300, 1200)).toEqual({ width: 48, height: 192 })
    expect(fitSize(40, 30)).toEqual({ width: 40, height: 30 })
  })

  it('shows a plane over its range in grey levels', () => {
    const data = Float32Array.from([-2, 0, 2])
    expect(Array.from(planeToRgba(data, planeRange(data)))).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255,
    ])
    expect(Array.from(planeToRgba(Float32Array.from([5]), { min: 5, max: 5 }))).toEqual([128, 128, 128, 255])
  })
})
