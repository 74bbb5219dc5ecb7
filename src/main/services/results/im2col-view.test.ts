import { describe, expect, it } from 'vitest'
import { Conv2dLayer, kernels, Rng, Tensor } from '../../../engine'
import { readSeedVectors } from '../../../engine/kernels/test-support/lecture-suite'
import { geometry } from '../../../engine/kernels/test-support/reference'
import { type Im2colInput, im2colView } from './im2col-view'

/**
 * The im2col picture against the lecture's worked example (seed-vectors.json: the 4×4 image 1…16, the
 * 2×2 filter [[1, 2], [3, 4]]) and against the engine's conv2d layer and im2col kernel on a padded,
 * strided, multi-channel case.
 */
const seed = readSeedVectors().im2col

/** The lecture's example as im2colView reads it: the 4×4 image, one 2×2 filter, stride 1, no padding. */
function lectureExample(overrides: Partial<Im2colInput> = {}): Im2colInput {
  return {
    layer: 'conv',
    sampleIndex: 0,
    x: seed.input.flat(),
    geometry: geometry(1, 4, 4, [2, 2], [1, 1], [0, 0]),
    weights: seed.filter.flat(),
    filters: 1,
    output: seed.output.flat(),
    patch: { y: 0, x: 0, size: 4 },
    ...overrides,
  }
}

describe('im2colView', () => {
  it("reproduces the lecture's worked example: X', F, U' = F X' and the 3×3 map", () => {
    const view = im2colView(lectureExample())
    expect(view.patch).toEqual({ y: 0, x: 0, rows: 3, cols: 3 })
    expect(view.columns).toEqual({ rows: 4, cols: 9, values: seed.columns.flat() })
    expect(view.filters).toEqual({ rows: 1, cols: 4, values: seed.filterRow })
    expect(view.product.values).toEqual(seed.product)
    expect(view.featureMaps).toEqual([{ rows: 3, cols: 3, values: seed.output.flat() }])
    expect(view.input).toEqual([{ rows: 4, cols: 4, values: seed.input.flat() }])
    expect(view.maxDifference).toBe(0)
  })

  it('takes a patch by hand: output (1, 1) reads 6 7 10 11, and 1·6 + 2·7 + 3·10 + 4·11 + b = 94 + b', () => {
    const view = im2colView(
      lectureExample({
        bias: [0.5],
        output: seed.output.flat().map((v) => v + 0.5),
        patch: { y: 1, x: 1, size: 1 },
      }),
    )
    expect(view.columns.values).toEqual([6, 7, 10, 11])
    expect(view.input).toEqual([{ rows: 2, cols: 2, values: [6, 7, 10, 11] }])
    expect(view.product.values).toEqual([94.5])
    expect(view.maxDifference).toBe(0)
  })

  it('reads zero padding and strides as the engine does, and matches conv2d to float32 rounding', () => {
    const rng = new Rng(11)
    const layer = new Conv2dLayer(
      { filters: 3, kernel: 3, stride: 2, padding: 1 },
      { name: 'c', inputShape: [2, 7, 7], init: { scheme: 'glorot' }, rng },
    )
    layer.bias!.value.data.set([0.1, -0.2, 0.3])
    const x = Float32Array.from({ length: 2 * 49 }, () => rng.uniform() * 2 - 1)
    const y = layer.forward(new Tensor(x, [1, 2, 7, 7]), { training: false }).data
    const g = layer.geometry
    expect([g.outH, g.outW]).toEqual([4, 4])
    const view = im2colView({
      layer: 'c',
      sampleIndex: 0,
      x,
      geometry: g,
      weights: layer.weight.value.data,
      bias: layer.bias!.value.data,
      filters: 3,
      output: y,
      patch: { y: 2, x: 0, size: 3 },
    })
    expect(view.patch).toEqual({ y: 2, x: 0, rows: 2, cols: 3 })
    expect(view.input.map((m) => [m.rows, m.cols])).toEqual([
      [5, 7],
      [5, 7],
    ])
    // X' columns are the engine kernel's columns of the same positions (positions 8 … 10, 12 … 14).
    const full = new Float32Array(18 * 16)
    kernels.im2col(full, x, 0, g)
    const positions = [8, 9, 10, 12, 13, 14]
    for (let r = 0; r < 18; r++) {
      expect(positions.map((p) => full[r * 16 + p])).toEqual(
        view.columns.values.slice(r * 6, r * 6 + 6).map(Math.fround),
      )
    }
    // Column 0 is position (2, 0): its kx = 0 entries read the padding left of the image.
    expect([0, 3, 6].map((r) => view.columns.values[r * 6])).toEqual([0, 0, 0])
    expect(view.maxDifference).toBeGreaterThan(0)
    expect(view.maxDifference).toBeLessThan(1e-6)
  })

  it('says where the map ends when the patch starts outside it', () => {
    expect(() => im2colView(lectureExample({ patch: { y: 0, x: 3, size: 2 } }))).toThrow(
      "the patch at (y 0, x 3) is outside the feature map of 'conv', which is 3 × 3 (y 0 … 2, x 0 … 2)",
    )
  })
})
