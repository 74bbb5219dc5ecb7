import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { DenseLayer } from '../layers/dense'
import { DropoutLayer } from '../layers/dropout'
import { testContext } from '../layers/fixtures/fixture-case'
import { Tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from './gradcheck'

/** A dense layer whose backward forgets the bias gradient and halves ∂X: the checker must notice. */
class BrokenDense extends DenseLayer {
  override backward(dy: Tensor): Tensor {
    const dx = super.backward(dy)
    this.bias!.grad.data.fill(0)
    return new Tensor(
      dx.data.map((v) => v / 2),
      dx.shape,
    )
  }
}

describe('gradCheck', () => {
  it('passes a correct layer and reports float32-level errors', () => {
    const layer = new DenseLayer({ units: 4 }, testContext('fc', [5], 1))
    const report = gradCheck(layer, randomTensor([3, 5], 2))
    expect(report.passed).toBe(true)
    expect(report.entries.map((e) => [e.name, e.checked])).toEqual([
      ['input', 15],
      ['fc.W', 20],
      ['fc.b', 4],
    ])
    for (const e of report.entries) expect(e.maxAbsError).toBeLessThan(1e-4)
  })

  it('fails a backward that drops a term or scales a gradient, naming the tensors', () => {
    const layer = new BrokenDense({ units: 4 }, testContext('fc', [5], 1))
    const report = gradCheck(layer, randomTensor([3, 5], 2))
    expect(report.passed).toBe(false)
    const failed = report.entries.filter((e) => e.failures > 0).map((e) => e.name)
    expect(failed).toEqual(['input', 'fc.b'])
    expect(report.summary).toContain('fc.b: 4 checked, 4 failed')
  })

  it('holds stochastic layers still only when given their rng', () => {
    const ctx = testContext('d', [40], 3)
    const x = randomTensor([2, 40], 4)
    const fixed = gradCheck(new DropoutLayer({ rate: 0.5 }, ctx), x, { training: true, rng: ctx.rng })
    expect(fixed.passed).toBe(true)
    const ctx2 = testContext('d', [40], 3)
    const moving = gradCheck(new DropoutLayer({ rate: 0.5 }, ctx2), x, { training: true })
    expect(moving.passed).toBe(false)
  })

  it('samples evenly spaced entries when asked', () => {
    const layer = new DenseLayer({ units: 10 }, testContext('fc', [30], 5))
    const report = gradCheck(layer, randomTensor([2, 30], 6), { maxEntriesPerTensor: 7 })
    expect(report.entries.map((e) => e.checked)).toEqual([7, 7, 7])
    expect(report.passed).toBe(true)
  })
})
