import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError } from '../errors'
import type { Tensor } from '../tensor/tensor'
import { tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { ActivationLayer, type ActivationConfig, type ActivationName } from './activation'
import { compare, type FixtureFile, type LayerCase, testContext, toTensor } from './fixtures/fixture-case'
import fixture from './fixtures/activation.json'

const cases = (fixture as FixtureFile<LayerCase<ActivationConfig>>).cases

describe('activation: PyTorch reference (|Δ| ≤ 1e-6 + 1e-5·|expected|)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = new ActivationLayer(c.config, testContext('act', c.inputShape))
    const y = layer.forward(toTensor(c.x), { training: true })
    const dx = layer.backward(toTensor(c.dy))
    for (const [what, actual, expected] of [
      ['y', y, c.y],
      ['dx', dx, c.dx],
    ] as const) {
      const r = compare(actual, expected)
      expect(r.sameShape, `${what} shape`).toBe(true)
      expect(r.failures, `${what}: ${r.first}`).toBe(0)
    }
  })

  it('covers every activation', () => {
    expect(new Set(cases.map((c) => c.config.activation))).toEqual(
      new Set(['identity', 'sigmoid', 'tanh', 'relu', 'softmax']),
    )
  })
})

describe('activation: values a student can check by hand', () => {
  it('sigmoid(0) = 0.5, relu clips, softmax rows sum to 1', () => {
    const x = tensor([0, 2, -2, 0, 1, 3], [2, 3])
    const run = (activation: ActivationName): number[] =>
      Array.from(
        new ActivationLayer({ activation }, testContext('a', [3])).forward(x, { training: false }).data,
      )
    expect(run('sigmoid')[0]).toBe(0.5)
    expect(run('relu')).toEqual([0, 2, 0, 0, 1, 3])
    const s = run('softmax')
    expect(s[0]! + s[1]! + s[2]!).toBeCloseTo(1, 6)
    expect(s[3]! + s[4]! + s[5]!).toBeCloseTo(1, 6)
    // softmax([0, 1, 3]) = e^k / (1 + e + e³)
    expect(s[5]).toBeCloseTo(Math.exp(3) / (1 + Math.E + Math.exp(3)), 6)
  })

  it('identity passes both directions through unchanged', () => {
    const layer = new ActivationLayer({ activation: 'identity' }, testContext('a', [2, 2, 2]))
    const x = randomTensor([3, 2, 2, 2], 1)
    expect(layer.forward(x, { training: true })).toBe(x)
    const dy = randomTensor([3, 2, 2, 2], 2)
    expect(layer.backward(dy)).toBe(dy)
  })
})

/** uniform(±range) values kept ≥ 0.05 from 0, so the relu kink is never within eps = 1e-2. */
function awayFromZero(shape: number[], seed: number, range: number): Tensor {
  const t = randomTensor(shape, seed, -range, range)
  t.data.forEach((v, i) => (t.data[i] = v < 0 ? Math.min(v, -0.05) : Math.max(v, 0.05)))
  return t
}

describe('activation: central differences (eps 1e-2, |Δ| ≤ 1e-3 + 1e-2·|g|)', () => {
  it.each([
    ['identity', [7], 1],
    ['sigmoid', [7], 4],
    ['tanh', [2, 3, 3], 3],
    ['relu', [2, 3, 3], 1],
    ['softmax', [10], 5],
    ['softmax', [3], 2],
  ] as const)('%s on %j', (activation, inputShape, range) => {
    const layer = new ActivationLayer({ activation }, testContext('act', inputShape))
    const report = gradCheck(layer, awayFromZero([3, ...inputShape], 51, range))
    expect(report.passed, report.summary).toBe(true)
    // Smooth or piecewise linear: truncation eps²·f‴/6 ≲ 2e-5 plus float32 rounding.
    expect(report.entries[0]!.maxAbsError).toBeLessThan(2e-4)
  })
})

describe('activation: errors', () => {
  it('rejects unknown activations and softmax on images', () => {
    expect(
      () => new ActivationLayer({ activation: 'gelu' as ActivationName }, testContext('a1', [4])),
    ).toThrow("activation 'a1': activation must be one of identity, sigmoid, tanh, relu, softmax, got 'gelu'")
    expect(() => new ActivationLayer({ activation: 'softmax' }, testContext('a2', [10, 1, 1]))).toThrow(
      SpecError,
    )
  })
})
