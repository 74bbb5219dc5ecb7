import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { ShapeError, SpecError } from '../errors'
import { Tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { DropoutLayer } from './dropout'
import { testContext } from './fixtures/fixture-case'

const ones = (n: number): Tensor => new Tensor(new Float32Array(n).fill(1), [n / 100, 100])

describe('dropout', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const x = randomTensor([4, 50], 1)
    const run = (seed: number) =>
      Array.from(
        new DropoutLayer({ rate: 0.5 }, testContext('d', [50], seed)).forward(x, { training: true }).data,
      )
    expect(run(9)).toEqual(run(9))
    expect(run(9)).not.toEqual(run(10))
  })

  it('is the identity in evaluation mode, both ways', () => {
    const layer = new DropoutLayer({ rate: 0.5 }, testContext('d', [3, 4, 4]))
    const x = randomTensor([2, 3, 4, 4], 2)
    expect(layer.forward(x, { training: false })).toBe(x)
    const dy = randomTensor([2, 3, 4, 4], 3)
    expect(layer.backward(dy)).toBe(dy)
    const none = new DropoutLayer({ rate: 0 }, testContext('d0', [3, 4, 4]))
    expect(none.forward(x, { training: true })).toBe(x)
  })

  it('keeps 1 − rate of the units, scaled by 1/(1 − rate) (100 000 draws, ±4 sd)', () => {
    const rate = 0.3
    const layer = new DropoutLayer({ rate }, testContext('d', [100], 4))
    const y = layer.forward(ones(100_000), { training: true }).data
    let kept = 0
    let sum = 0
    for (const v of y) {
      if (v !== 0) {
        kept++
        expect(v).toBeCloseTo(1 / 0.7, 6)
      }
      sum += v
    }
    // keep rate sd √(0.3·0.7/1e5) = 0.00145
    expect(Math.abs(kept / 1e5 - 0.7)).toBeLessThan(0.006)
    // inverted dropout keeps the mean: E[y] = x = 1, sd 0.00145/0.7 = 0.0021
    expect(Math.abs(sum / 1e5 - 1)).toBeLessThan(0.0085)
  })

  it('backward applies the same mask as the last forward', () => {
    const layer = new DropoutLayer({ rate: 0.5 }, testContext('d', [100], 5))
    const y = layer.forward(ones(2000), { training: true })
    const dy = randomTensor([20, 100], 6)
    const dx = layer.backward(dy)
    dx.data.forEach((g, i) => expect(g).toBeCloseTo(y.data[i]! * dy.data[i]!, 6))
    expect(Array.from(layer.lastMask())).toEqual(Array.from(y.data))
  })

  it('passes central differences with its mask held fixed (rng restored per evaluation)', () => {
    const ctx = testContext('d', [3, 4], 7)
    const layer = new DropoutLayer({ rate: 0.4 }, ctx)
    const report = gradCheck(layer, randomTensor([2, 3, 4], 8), { training: true, rng: ctx.rng })
    expect(report.passed, report.summary).toBe(true)
    expect(report.entries[0]!.maxAbsError).toBeLessThan(1e-4)
  })

  it('rejects rates outside [0, 1) and wrong shapes', () => {
    expect(() => new DropoutLayer({ rate: 1 }, testContext('d1', [4]))).toThrow(
      "dropout 'd1': rate must be in [0, 1), got 1",
    )
    expect(() => new DropoutLayer({ rate: -0.1 }, testContext('d1', [4]))).toThrow(SpecError)
    const layer = new DropoutLayer({ rate: 0.5 }, testContext('d1', [4]))
    expect(() => layer.forward(randomTensor([2, 5], 1), { training: true })).toThrow(ShapeError)
  })
})
