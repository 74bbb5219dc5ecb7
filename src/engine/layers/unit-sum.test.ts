import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError } from '../errors'
import { Rng } from '../init/rng'
import { tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { UnitSumLayer, type UnitSumConfig } from './unit-sum'

const ctx = (features: number) => ({
  name: 'hunit.unit-sum',
  inputShape: [features],
  init: { scheme: 'zeros' as const },
  rng: new Rng(1),
})

describe('UnitSumLayer', () => {
  it('softmax mode: each row sums to 1, e^u / Σ e^u', () => {
    const layer = new UnitSumLayer({ mode: 'softmax', backward: 'exact' }, ctx(3))
    const y = layer.forward(tensor([0, 1, 2, 1000, 1000, 1000], [2, 3]), { training: true })
    const e = [1, Math.E, Math.E ** 2]
    const s = e[0]! + e[1]! + e[2]!
    expect(Array.from(y.data.subarray(0, 3))).toEqual(e.map((v) => Math.fround(v / s)))
    expect(Array.from(y.data.subarray(3))).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround))
  })

  it('divide mode: u / Σu, and a zero sum is an error naming the sample', () => {
    const layer = new UnitSumLayer({ mode: 'divide', backward: 'exact' }, ctx(4))
    const y = layer.forward(tensor([1, 2, 3, 4], [1, 4]), { training: false })
    expect(Array.from(y.data)).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround))
    expect(() => layer.forward(tensor([1, -1, 0, 0, 1, 1, 1, 1], [2, 4]), { training: false })).toThrow(
      "unit-sum 'hunit.unit-sum': sample 0 sums to 0, cannot divide by it",
    )
  })

  it("identity backward passes the error through unchanged (AE.py's f_ = 1)", () => {
    const layer = new UnitSumLayer({ mode: 'softmax', backward: 'identity' }, ctx(3))
    layer.forward(tensor([0.5, -0.2, 0.1], [1, 3]), { training: true })
    const dy = tensor([0.3, -0.7, 0.25], [1, 3])
    expect(layer.backward(dy)).toBe(dy)
  })

  for (const mode of ['softmax', 'divide'] as const) {
    it(`exact backward of ${mode} passes a central-difference gradient check`, () => {
      const config: UnitSumConfig = { mode, backward: 'exact' }
      const layer = new UnitSumLayer(config, ctx(5))
      // divide needs sums far from 0: positive inputs
      const x = mode === 'divide' ? randomTensor([3, 5], 4, 0.5, 1.5) : randomTensor([3, 5], 4)
      const report = gradCheck(layer, x)
      expect(report.passed, report.summary).toBe(true)
    })
  }

  it('refuses image inputs and unknown options', () => {
    expect(
      () => new UnitSumLayer({ mode: 'softmax', backward: 'exact' }, { ...ctx(3), inputShape: [1, 2, 2] }),
    ).toThrow(SpecError)
    expect(() => new UnitSumLayer({ mode: 'max' as 'softmax', backward: 'exact' }, ctx(3))).toThrow(
      "unit-sum 'hunit.unit-sum': mode must be softmax or divide, got 'max'",
    )
  })
})
