import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { ShapeError, SpecError } from '../errors'
import { tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { DenseLayer, type DenseConfig } from './dense'
import {
  compare,
  type FixtureFile,
  type LayerCase,
  load,
  testContext,
  toTensor,
} from './fixtures/fixture-case'
import fixture from './fixtures/dense.json'

const cases = (fixture as FixtureFile<LayerCase<DenseConfig>>).cases

describe('dense: PyTorch reference (|Δ| ≤ 1e-6 + 1e-5·|expected|)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = new DenseLayer(c.config, testContext('fc', c.inputShape))
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

describe('dense: the lecture row-vector convention u = xW + b', () => {
  it('computes u = xW + b with W (inputs × units) and ΔWᵗ, xᵗΔ, 1ᵗΔ backward', () => {
    const layer = new DenseLayer({ units: 3 }, testContext('fc1', [2]))
    layer.weight.value.data.set([1, 2, 3, 4, 5, 6]) // W = [[1,2,3],[4,5,6]]
    layer.bias!.value.data.set([0.5, -1, 2])
    const y = layer.forward(tensor([1, 2, -1, 0.5], [2, 2]), { training: false })
    // [1,2]·W = [9,12,15]; [−1,0.5]·W = [1,0.5,0]
    expect(Array.from(y.data)).toEqual([9.5, 11, 17, 1.5, -0.5, 2])
    const dx = layer.backward(tensor([1, 0, -1, 2, 1, 0], [2, 3]))
    // ΔWᵗ: [1,0,−1]·Wᵗ = [1−3, 4−6] = [−2,−2]; [2,1,0]·Wᵗ = [4, 13]
    expect(Array.from(dx.data)).toEqual([-2, -2, 4, 13])
    // xᵗΔ = [[1·1 + (−1)·2, 0 − 1, −1], [2·1 + 0.5·2, 0.5, −2]]
    expect(Array.from(layer.weight.grad.data)).toEqual([-1, -1, -1, 3, 0.5, -2])
    expect(Array.from(layer.bias!.grad.data)).toEqual([3, 1, -1])
  })

  it('accumulates parameter gradients over backward calls (the optimizer zeroes them)', () => {
    const layer = new DenseLayer({ units: 4 }, testContext('fc', [3], 5))
    const x = randomTensor([2, 3], 11)
    const dy = randomTensor([2, 4], 12)
    layer.forward(x, { training: true })
    layer.backward(dy)
    const once = Float32Array.from(layer.weight.grad.data)
    layer.forward(x, { training: true })
    layer.backward(dy)
    layer.weight.grad.data.forEach((g, i) => expect(g).toBeCloseTo(2 * once[i]!, 6))
  })

  it('names its parameters fc1.W and fc1.b and draws them from the init scheme', () => {
    const layer = new DenseLayer({ units: 50 }, testContext('fc1', [40], 3))
    expect(layer.parameters().map((p) => [p.name, p.value.shape])).toEqual([
      ['fc1.W', [40, 50]],
      ['fc1.b', [50]],
    ])
    const w = layer.weight.value.data
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-0.5)
    expect(Math.max(...w)).toBeLessThan(0.5)
    const he = new DenseLayer({ units: 200 }, testContext('fc2', [100], 3, { scheme: 'he' }))
    const v = he.weight.value.data
    const variance = v.reduce((s, a) => s + a * a, 0) / v.length
    expect(Math.abs(variance - 2 / 100)).toBeLessThan(0.1 * (2 / 100)) // 20 000 draws: the estimate's sd is √(2/20000) = 1%
    expect(he.bias!.value.data.every((b) => b === 0)).toBe(true)
    expect(new DenseLayer({ units: 2, useBias: false }, testContext('fc3', [3])).parameters()).toHaveLength(1)
  })
})

describe('dense: central differences (eps 1e-2, |Δ| ≤ 1e-3 + 1e-2·|g|)', () => {
  it.each([
    [1, 7, 5, true],
    [4, 13, 9, true],
    [3, 6, 4, false],
  ])('batch %i, %i → %i, bias %s', (n, inputs, units, useBias) => {
    const layer = new DenseLayer({ units, useBias }, testContext('fc', [inputs], 21))
    const report = gradCheck(layer, randomTensor([n, inputs], 22))
    expect(report.passed, report.summary).toBe(true)
    // Linear in x and W: the central difference is exact up to float32 rounding.
    for (const e of report.entries) expect(e.maxAbsError).toBeLessThan(2e-4)
  })
})

describe('dense: construction and shape errors', () => {
  it('asks for a flatten layer in front of an image input', () => {
    expect(() => new DenseLayer({ units: 10 }, testContext('fc1', [1, 28, 28]))).toThrow(SpecError)
    expect(() => new DenseLayer({ units: 10 }, testContext('fc1', [1, 28, 28]))).toThrow(
      "dense 'fc1': expects a per-sample input (features), got (1, 28, 28); insert a flatten layer",
    )
  })

  it('rejects non-positive or fractional units', () => {
    expect(() => new DenseLayer({ units: 0 }, testContext('fc1', [4]))).toThrow(
      "dense 'fc1': units must be a positive integer, got 0",
    )
    expect(() => new DenseLayer({ units: 2.5 }, testContext('fc1', [4]))).toThrow(SpecError)
  })

  it('rejects a batch of the wrong shape and backward before forward', () => {
    const layer = new DenseLayer({ units: 3 }, testContext('fc1', [4]))
    expect(() => layer.backward(randomTensor([2, 3], 1))).toThrow(ShapeError)
    expect(() => layer.forward(randomTensor([2, 5], 1), { training: false })).toThrow(
      "dense 'fc1': input must be (N, 4) with N ≥ 1, got (2, 5)",
    )
    layer.forward(randomTensor([2, 4], 1), { training: false })
    expect(() => layer.backward(randomTensor([3, 3], 1))).toThrow(ShapeError)
  })
})
