import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { ShapeError, SpecError } from '../errors'
import { type Tensor, tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { Conv2dLayer, type Conv2dConfig } from './conv2d'
import {
  compare,
  type FixtureFile,
  type LayerCase,
  load,
  testContext,
  toTensor,
} from './fixtures/fixture-case'
import fixture from './fixtures/conv2d.json'

const cases = (fixture as FixtureFile<LayerCase<Conv2dConfig>>).cases

describe('conv2d: PyTorch reference (|Δ| ≤ 1e-6 + 1e-5·|expected|)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = new Conv2dLayer(c.config, testContext('conv', c.inputShape))
    load(layer.weight, c.params['W']!)
    if (layer.bias) load(layer.bias, c.params['b']!)
    const y = layer.forward(toTensor(c.x), { training: true })
    const dx = layer.backward(toTensor(c.dy))
    for (const [what, actual, expected] of [
      ['y', y, c.y],
      ['dx', dx, c.dx],
      ['dW', layer.weight.grad, c.grads['W']!],
      ...(layer.bias ? [['db', layer.bias.grad, c.grads['b']!] as const] : []),
    ] as const) {
      const r = compare(actual, expected)
      expect(r.sameShape, `${what} shape`).toBe(true)
      expect(r.failures, `${what}: ${r.first}`).toBe(0)
    }
  })
})

/** A one-filter, one-channel layer holding `filter` with zero bias. */
function filterLayer(input: number[][], filter: number[][], stride: number, padding: number): Conv2dLayer {
  const layer = new Conv2dLayer(
    { filters: 1, kernel: [filter.length, filter[0]!.length], stride, padding },
    testContext('conv', [1, input.length, input[0]!.length]),
  )
  layer.weight.value.data.set(filter.flat())
  layer.bias!.value.data.fill(0)
  return layer
}

describe('conv2d: the lecture worked examples (seed-vectors.json)', () => {
  const mean3 = [0, 1, 2].map(() => [1 / 9, 1 / 9, 1 / 9])
  const img5 = [
    [2, 4, 1, 3, 5],
    [3, 2, 6, 2, 8],
    [1, 0, 3, 4, 2],
    [6, 2, 1, 7, 5],
    [5, 3, 2, 5, 6],
  ]
  const img7 = [
    [2, 4, 1, 3, 5, 2, 1],
    [3, 2, 6, 2, 8, 3, 4],
    [1, 0, 3, 4, 2, 1, 2],
    [6, 2, 1, 7, 5, 2, 4],
    [5, 3, 2, 5, 6, 1, 7],
    [3, 4, 1, 6, 7, 0, 3],
    [1, 4, 0, 8, 5, 2, 8],
  ]
  it.each([
    [
      'im2col 4×4 * [[1,2],[3,4]] (transforms ①–③)',
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
        [13, 14, 15, 16],
      ],
      [
        [1, 2],
        [3, 4],
      ],
      1,
      0,
      [
        [44, 54, 64],
        [84, 94, 104],
        [124, 134, 144],
      ],
    ],
    [
      'sharpen one pixel',
      [
        [40, 60, 40],
        [80, 110, 80],
        [100, 100, 100],
      ],
      [
        [0, -1, 0],
        [-1, 5, -1],
        [0, -1, 0],
      ],
      1,
      0,
      [[230]],
    ],
    [
      '3×3 mean, no padding',
      img5,
      mean3,
      1,
      0,
      [
        [2.444444, 2.777778, 3.777778],
        [2.666667, 3, 4.222222],
        [2.555556, 3, 3.888889],
      ],
    ],
    [
      '3×3 mean, zero padding 1',
      img5,
      mean3,
      1,
      1,
      [
        [1.222222, 2, 2, 2.777778, 2],
        [1.333333, 2.444444, 2.777778, 3.777778, 2.666667],
        [1.555556, 2.666667, 3, 4.222222, 3.111111],
        [1.888889, 2.555556, 3, 3.888889, 3.222222],
        [1.777778, 2.111111, 2.222222, 2.888889, 2.555556],
      ],
    ],
    [
      '3×3 mean on 7×7, stride 2',
      img7,
      mean3,
      2,
      0,
      [
        [2.444444, 3.777778, 3.111111],
        [2.555556, 3.888889, 3.333333],
        [2.555556, 4.444444, 4.333333],
      ],
    ],
  ] as const)('%s', (_name, input, filter, stride, padding, output) => {
    const layer = filterLayer(
      input.map((r) => [...r]),
      filter.map((r) => [...r]),
      stride,
      padding,
    )
    const y = layer.forward(tensor(input.flat(), [1, 1, input.length, input[0]!.length]), { training: false })
    expect(y.shape).toEqual([1, 1, output.length, output[0]!.length])
    // The lecture prints 6 decimals: 5e-6 absolute.
    y.data.forEach((v, i) => expect(Math.abs(v - output.flat()[i]!)).toBeLessThan(5e-6))
  })

  it('shows X′ of the 4×4 example as in the lecture (transform ①)', () => {
    const layer = new Conv2dLayer({ filters: 1, kernel: 2 }, testContext('conv', [1, 4, 4]))
    const cols = layer.columns(
      tensor(
        Array.from({ length: 16 }, (_, i) => i + 1),
        [1, 1, 4, 4],
      ),
    )
    expect(cols.shape).toEqual([4, 9])
    expect(Array.from(cols.data)).toEqual([
      ...[1, 2, 3, 5, 6, 7, 9, 10, 11],
      ...[2, 3, 4, 6, 7, 8, 10, 11, 12],
      ...[5, 6, 7, 9, 10, 11, 13, 14, 15],
      ...[6, 7, 8, 10, 11, 12, 14, 15, 16],
    ])
    expect(() => layer.columns(randomTensor([1, 1, 4, 4], 1), 1)).toThrow(ShapeError)
  })

  it('backward of the 4×4 example: ∂F = ΔX′ᵗ and col2im spreads FᵗΔ over the input', () => {
    const layer = filterLayer(
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
        [13, 14, 15, 16],
      ],
      [
        [1, 2],
        [3, 4],
      ],
      1,
      0,
    )
    layer.forward(
      tensor(
        Array.from({ length: 16 }, (_, i) => i + 1),
        [1, 1, 4, 4],
      ),
      { training: true },
    )
    const dx = layer.backward(tensor(new Array(9).fill(1), [1, 1, 3, 3]))
    // Δ = 1 everywhere: ∂F is the sum of each X′ row = [54, 63, 90, 99]; ∂b = 9
    expect(Array.from(layer.weight.grad.data)).toEqual([54, 63, 90, 99])
    expect(Array.from(layer.bias!.grad.data)).toEqual([9])
    // every input pixel receives the filter taps that touched it
    expect(Array.from(dx.data)).toEqual([1, 3, 3, 2, 4, 10, 10, 6, 4, 10, 10, 6, 3, 7, 7, 4])
  })
})

describe('conv2d: central differences (eps 1e-2, |Δ| ≤ 1e-3 + 1e-2·|g|)', () => {
  it.each([
    ['1 channel, 3×3, batch 1', { filters: 2, kernel: 3 }, [1, 6, 6], 1],
    [
      '3 channels, stride 2, padding 1, batch 2',
      { filters: 3, kernel: 3, stride: 2, padding: 1 },
      [3, 7, 5],
      2,
    ],
    [
      'kernel [2,3], stride [2,1], padding [0,2]',
      { filters: 2, kernel: [2, 3], stride: [2, 1], padding: [0, 2] },
      [2, 6, 5],
      3,
    ],
  ] as const)('%s', (_name, config, inputShape, n) => {
    const layer = new Conv2dLayer(config, testContext('conv', inputShape, 31))
    const report = gradCheck(layer, randomTensor([n, ...inputShape], 32))
    expect(report.passed, report.summary).toBe(true)
    for (const e of report.entries) expect(e.maxAbsError).toBeLessThan(5e-4) // linear: rounding only
  })
})

describe('conv2d: parameters, buffers and errors', () => {
  it('stores F as (M, C·KH·KW) named conv1.W, conv1.b; fan-in C·KH·KW for He', () => {
    const layer = new Conv2dLayer(
      { filters: 64, kernel: 5 },
      testContext('conv1', [3, 32, 32], 2, { scheme: 'he' }),
    )
    expect(layer.outputShape).toEqual([64, 28, 28])
    expect(layer.parameters().map((p) => [p.name, p.value.shape])).toEqual([
      ['conv1.W', [64, 75]],
      ['conv1.b', [64]],
    ])
    const w = layer.weight.value.data
    const variance = w.reduce((s, a) => s + a * a, 0) / w.length
    expect(Math.abs(variance - 2 / 75) / (2 / 75)).toBeLessThan(0.1) // 4 800 draws: sd of estimate 2%
  })

  it('gives the same answers whatever the batch size and call order (reused column buffers)', () => {
    const layer = new Conv2dLayer({ filters: 3, kernel: 3, padding: 1 }, testContext('conv', [2, 5, 5], 4))
    const x = randomTensor([3, 2, 5, 5], 5)
    const whole = layer.forward(x, { training: false })
    for (let i = 0; i < 3; i++) {
      const one = tensor(x.data.subarray(i * 50, (i + 1) * 50), [1, 2, 5, 5])
      const y = layer.forward(one, { training: false })
      expect(Array.from(y.data)).toEqual(Array.from(whole.data.subarray(i * 75, (i + 1) * 75)))
    }
  })

  it('gives per-image y and dx whatever the batch, and ∂F, ∂b as the sums over the images', () => {
    const config = { filters: 3, kernel: 3, stride: 2, padding: 1 }
    const x = randomTensor([5, 2, 7, 5], 6)
    const dy = randomTensor([5, 3, 4, 3], 7)
    const run = (xs: Tensor, dys: Tensor) => {
      const layer = new Conv2dLayer(config, testContext('conv', [2, 7, 5], 8))
      const y = layer.forward(xs, { training: true })
      const dx = layer.backward(dys)
      return [y, dx, layer.weight.grad, layer.bias!.grad].map((t) => Array.from(t.data))
    }
    const whole = run(x, dy)
    const dW = new Float64Array(whole[2]!.length)
    const db = new Float64Array(whole[3]!.length)
    for (let i = 0; i < 5; i++) {
      const one = (t: Tensor) =>
        tensor(t.data.slice(i * (t.size / 5), (i + 1) * (t.size / 5)), [1, ...t.shape.slice(1)])
      const [y, dx, dWi, dbi] = run(one(x), one(dy))
      expect(y).toEqual(whole[0]!.slice(i * 36, (i + 1) * 36)) // each output sums over C·KH·KW alone
      expect(dx).toEqual(whole[1]!.slice(i * 70, (i + 1) * 70))
      dWi!.forEach((v, j) => (dW[j]! += v))
      dbi!.forEach((v, j) => (db[j]! += v))
    }
    // ∂F and ∂b sum over the images in float32: equal to the float64 sums up to rounding
    whole[2]!.forEach((v, j) => expect(v).toBeCloseTo(dW[j]!, 5))
    whole[3]!.forEach((v, j) => expect(v).toBeCloseTo(db[j]!, 5))
  })

  it('skips ∂x as a first layer (inputGrad false) and accumulates the same ∂F and ∂b', () => {
    const config = { filters: 4, kernel: 3, padding: 1 }
    const x = randomTensor([3, 2, 6, 6], 9)
    const dy = randomTensor([3, 4, 6, 6], 10)
    const grads = (inputGrad: boolean) => {
      const layer = new Conv2dLayer(config, testContext('conv', [2, 6, 6], 11))
      layer.forward(x, { training: true })
      const dx = layer.backward(dy, { inputGrad })
      return { dx, dW: Array.from(layer.weight.grad.data), db: Array.from(layer.bias!.grad.data) }
    }
    const full = grads(true)
    const skipped = grads(false)
    expect(skipped.dx.shape).toEqual([0, 2, 6, 6])
    expect(full.dx.shape).toEqual([3, 2, 6, 6])
    expect(skipped.dW).toEqual(full.dW)
    expect(skipped.db).toEqual(full.db)
  })

  it('names the layer, the formula and the numbers for an impossible geometry', () => {
    expect(
      () => new Conv2dLayer({ filters: 6, kernel: 5, stride: 2 }, testContext('c2', [6, 13, 14])),
    ).toThrow(
      "conv2d 'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding",
    )
    expect(() => new Conv2dLayer({ filters: 6, kernel: 5 }, testContext('c3', [1, 3, 8]))).toThrow(
      "conv2d 'c3': output height (3 − 5 + 2·0)/1 + 1 = −1: the height 5 window is larger than the padded input",
    )
    expect(() => new Conv2dLayer({ filters: 6, kernel: 3 }, testContext('c1', [784]))).toThrow(
      "conv2d 'c1': expects a per-sample input (C, Y, X), got (784)",
    )
    expect(() => new Conv2dLayer({ filters: 6, kernel: [3, 0] }, testContext('c1', [1, 8, 8]))).toThrow(
      SpecError,
    )
    expect(
      () => new Conv2dLayer({ filters: 6, kernel: 3, padding: -1 }, testContext('c1', [1, 8, 8])),
    ).toThrow(SpecError)
  })

  it('rejects a batch whose images have another shape', () => {
    const layer = new Conv2dLayer({ filters: 2, kernel: 3 }, testContext('c1', [1, 8, 8]))
    expect(() => layer.forward(randomTensor([2, 1, 8, 7], 1), { training: false })).toThrow(ShapeError)
  })
})
