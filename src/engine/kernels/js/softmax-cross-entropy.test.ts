import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { expectAllClose, readFixture } from '../../train/test-support/compare'
import type { KernelSignatures } from '../kernel-types'
import { softmaxCrossEntropy } from './softmax-cross-entropy'

interface LossCase {
  loss: string
  name: string
  shape: number[]
  pred: number[]
  target: number[]
  value: number
  grad: number[]
}
const cases = readFixture<{ cases: LossCase[] }>(
  '../../losses/fixtures/losses.json',
  import.meta.url,
).cases.filter((c) => c.loss === 'softmax-cross-entropy')

/** Every backend registering `softmaxCrossEntropy` runs this same suite; the JS reference is here. */
const backends: [string, KernelSignatures['softmaxCrossEntropy']][] = [['js', softmaxCrossEntropy]]

describe.each(backends)('softmaxCrossEntropy (%s)', (_backend, kernel) => {
  it('two classes with equal logits: loss ln 2 per row, gradient (½ − t)·scale', () => {
    const d = new Float32Array(4)
    const sum = kernel(d, Float32Array.of(0, 0, 7, 7), Float32Array.of(1, 0, 0, 1), 2, 2, 0.5)
    expect(sum).toBeCloseTo(2 * Math.LN2, 14)
    expectAllClose(d, [-0.25, 0.25, 0.25, -0.25], 0, 0, 'dLogits')
  })

  it('is stable for logits of 1000: loss and gradient are exact, not NaN', () => {
    const d = new Float32Array(2)
    const sum = kernel(d, Float32Array.of(1000, 0), Float32Array.of(0, 1), 1, 2, 1)
    expect(sum).toBeCloseTo(1000, 9) // −log softmax = 1000 + log(1 + e^−1000)
    expectAllClose(d, [1, -1], 0, 0, 'dLogits')
  })

  it('skips zero targets, so a −∞ logit with target 0 costs nothing', () => {
    const d = new Float32Array(3)
    const sum = kernel(d, Float32Array.of(-Infinity, 2, 2), Float32Array.of(0, 0.5, 0.5), 1, 3, 1)
    expect(sum).toBeCloseTo(Math.LN2, 14)
    expectAllClose(d, [0, 0, 0], 0, 1e-16, 'dLogits')
  })

  it('may write the gradient over the logits (in place)', () => {
    const z = Float32Array.of(1, 2, 3, 0.5, -1, 2)
    const t = Float32Array.of(0, 0, 1, 1, 0, 0)
    const separate = new Float32Array(6)
    const expected = kernel(separate, z, t, 2, 3, 1)
    expect(kernel(z, z, t, 2, 3, 1)).toBe(expected)
    expect(Array.from(z)).toEqual(Array.from(separate))
  })

  for (const c of cases) {
    it(`PyTorch: ${c.name} (the sum over rows; scale 1)`, () => {
      const [rows, cols] = c.shape as [number, number]
      const d = new Float32Array(rows * cols)
      const sum = kernel(d, Float32Array.from(c.pred), Float32Array.from(c.target), rows, cols, 1)
      // the fixture is the batch mean: sum = N·mean, dLogits(scale 1) = N·grad
      expect(Math.abs(sum - rows * c.value)).toBeLessThanOrEqual(1e-12 * rows * c.value)
      expectAllClose(
        d,
        c.grad.map((g) => g * rows),
        1e-6,
        1e-15,
        c.name,
      )
    })
  }

  it('refuses buffers smaller than rows × cols', () => {
    expect(() => kernel(new Float32Array(3), new Float32Array(4), new Float32Array(4), 2, 2, 1)).toThrow(
      ShapeError,
    )
  })
})
