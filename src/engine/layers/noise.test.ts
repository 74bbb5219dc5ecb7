import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError } from '../errors'
import type { Tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { testContext } from './fixtures/fixture-case'
import { NoiseLayer, type NoiseConfig } from './noise'

const N = 100_000
const corrupt = (config: NoiseConfig, x: Tensor, seed = 1): Float32Array =>
  new NoiseLayer(config, testContext('noise', x.shape.slice(1), seed)).forward(x, { training: true }).data

describe('noise (denoising autoencoder corruption)', () => {
  const x = randomTensor([N / 100, 100], 2, 0.2, 0.8) // pixel-like values away from 0 and 1

  it.each([
    { kind: 'gaussian', sigma: 0.3 },
    { kind: 'masking', fraction: 0.25 },
    { kind: 'salt-and-pepper', fraction: 0.2 },
  ] as NoiseConfig[])('$kind is deterministic for a seed and the identity in eval mode', (config) => {
    const small = randomTensor([3, 40], 3, 0.2, 0.8)
    expect(Array.from(corrupt(config, small, 5))).toEqual(Array.from(corrupt(config, small, 5)))
    expect(Array.from(corrupt(config, small, 5))).not.toEqual(Array.from(corrupt(config, small, 6)))
    const layer = new NoiseLayer(config, testContext('noise', [40]))
    expect(layer.forward(small, { training: false })).toBe(small)
  })

  it('gaussian: x̃ − x has mean 0 and standard deviation σ (100 000 draws, ±4 sd)', () => {
    const y = corrupt({ kind: 'gaussian', sigma: 0.3 }, x)
    let sum = 0
    let sq = 0
    for (let i = 0; i < N; i++) {
      const d = y[i]! - x.data[i]!
      sum += d
      sq += d * d
    }
    const mean = sum / N
    const sd = Math.sqrt(sq / N - mean * mean)
    expect(Math.abs(mean)).toBeLessThan(0.004) // sd of the mean 0.3/√N = 0.00095
    expect(Math.abs(sd - 0.3)).toBeLessThan(0.003) // sd of the estimate 0.3/√(2N) = 0.00067
  })

  it('masking: sets the given fraction to 0 and leaves the rest untouched', () => {
    const y = corrupt({ kind: 'masking', fraction: 0.25 }, x)
    let zeros = 0
    for (let i = 0; i < N; i++) {
      if (y[i] === 0) zeros++
      else expect(y[i]).toBe(x.data[i])
    }
    expect(Math.abs(zeros / N - 0.25)).toBeLessThan(0.006) // sd √(0.25·0.75/N) = 0.0014
  })

  it('salt-and-pepper: the fraction becomes 0 or 1 with equal odds', () => {
    const y = corrupt({ kind: 'salt-and-pepper', fraction: 0.2 }, x)
    let zeros = 0
    let ones = 0
    for (let i = 0; i < N; i++) {
      if (y[i] === 0) zeros++
      else if (y[i] === 1) ones++
      else expect(y[i]).toBe(x.data[i])
    }
    expect(Math.abs(zeros / N - 0.1)).toBeLessThan(0.004) // sd √(0.1·0.9/N) = 0.00095
    expect(Math.abs(ones / N - 0.1)).toBeLessThan(0.004)
  })

  it('backward passes the upstream gradient through unchanged', () => {
    const layer = new NoiseLayer({ kind: 'masking', fraction: 0.5 }, testContext('noise', [10]))
    layer.forward(randomTensor([4, 10], 4), { training: true })
    const dy = randomTensor([4, 10], 5)
    expect(layer.backward(dy)).toBe(dy)
  })

  it('gaussian noise passes central differences (additive: the Jacobian is I)', () => {
    const ctx = testContext('noise', [2, 3, 3], 8)
    const layer = new NoiseLayer({ kind: 'gaussian', sigma: 0.5 }, ctx)
    const report = gradCheck(layer, randomTensor([2, 2, 3, 3], 9), { training: true, rng: ctx.rng })
    expect(report.passed, report.summary).toBe(true)
  })

  it('every kind passes central differences in eval mode', () => {
    for (const config of [
      { kind: 'masking', fraction: 0.3 },
      { kind: 'salt-and-pepper', fraction: 0.3 },
    ] as NoiseConfig[]) {
      const report = gradCheck(new NoiseLayer(config, testContext('noise', [6])), randomTensor([2, 6], 10))
      expect(report.passed, report.summary).toBe(true)
    }
  })

  it('rejects bad parameters', () => {
    expect(() => new NoiseLayer({ kind: 'masking', fraction: 1.5 }, testContext('n1', [4]))).toThrow(
      "noise 'n1': masking fraction must be in [0, 1], got 1.5",
    )
    expect(() => new NoiseLayer({ kind: 'gaussian', sigma: -1 }, testContext('n1', [4]))).toThrow(SpecError)
    expect(
      () => new NoiseLayer({ kind: 'pink', fraction: 0.1 } as unknown as NoiseConfig, testContext('n1', [4])),
    ).toThrow("noise 'n1': kind must be 'gaussian', 'masking' or 'salt-and-pepper', got 'pink'")
  })
})
