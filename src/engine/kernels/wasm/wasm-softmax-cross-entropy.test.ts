import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { getKernel } from '../registry'
import '../js'
import { expectClose, randomFloats, readJson } from '../test-support/close'
import { loadWasmForTests } from './test-support/load-wasm'

/**
 * The fused softmax cross-entropy of the WebAssembly backend (float64 inside), held to the same
 * cases as the JS reference's own suite (js/softmax-cross-entropy.test.ts, which the shared kernel
 * suite leaves out): exact small cases, stability at logits of 1000, skipped zero targets, in-place
 * gradients, the PyTorch fixture to 1e−12; and against the JS kernel on random batches.
 */
const { kernels } = await loadWasmForTests({ activate: false })
const kernel = kernels.softmaxCrossEntropy

interface LossCase {
  loss: string
  name: string
  shape: number[]
  pred: number[]
  target: number[]
  value: number
  grad: number[]
}
const cases = readJson<{ cases: LossCase[] }>(
  '../../losses/fixtures/losses.json',
  import.meta.url,
).cases.filter((c) => c.loss === 'softmax-cross-entropy')

describe('softmaxCrossEntropy (wasm)', () => {
  it('two classes with equal logits: loss ln 2 per row, gradient (½ − t)·scale', () => {
    const d = new Float32Array(4)
    const sum = kernel(d, Float32Array.of(0, 0, 7, 7), Float32Array.of(1, 0, 0, 1), 2, 2, 0.5)
    expect(sum).toBeCloseTo(2 * Math.LN2, 14)
    expect(Array.from(d)).toEqual([-0.25, 0.25, 0.25, -0.25])
  })

  it('is stable for logits of 1000: loss and gradient are exact, not NaN', () => {
    const d = new Float32Array(2)
    expect(kernel(d, Float32Array.of(1000, 0), Float32Array.of(0, 1), 1, 2, 1)).toBeCloseTo(1000, 9)
    expect(Array.from(d)).toEqual([1, -1])
  })

  it('skips zero targets, so a −∞ logit with target 0 costs nothing', () => {
    const d = new Float32Array(3)
    const sum = kernel(d, Float32Array.of(-Infinity, 2, 2), Float32Array.of(0, 0.5, 0.5), 1, 3, 1)
    expect(sum).toBeCloseTo(Math.LN2, 14)
    expectClose(d, [0, 0, 0], { rtol: 0, atol: 1e-16 }, 'dLogits')
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
      expect(Math.abs(sum - rows * c.value)).toBeLessThanOrEqual(1e-12 * rows * c.value)
      expectClose(
        d,
        c.grad.map((g) => g * rows),
        { rtol: 1e-6, atol: 1e-15 },
        c.name,
      )
    })
  }

  it('matches the JS reference on random batches with one-hot and soft targets', () => {
    const rng = new Rng(6006)
    const reference = getKernel('softmaxCrossEntropy', 'js')
    for (const [rows, cols] of [
      [64, 10],
      [3, 1000],
      [1, 1],
    ]) {
      const logits = randomFloats(rng, rows * cols, -20, 20)
      const targets = new Float32Array(rows * cols)
      for (let r = 0; r < rows; r++) {
        if (r % 2 === 0) targets[r * cols + rng.int(cols)] = 1
        else for (let j = 0; j < cols; j++) targets[r * cols + j] = 1 / cols
      }
      const dWasm = new Float32Array(rows * cols)
      const dJs = new Float32Array(rows * cols)
      const lossWasm = kernel(dWasm, logits, targets, rows, cols, 1 / rows)
      const lossJs = reference(dJs, logits, targets, rows, cols, 1 / rows)
      expect(Math.abs(lossWasm - lossJs)).toBeLessThanOrEqual(1e-12 * Math.abs(lossJs))
      expectClose(dWasm, dJs, { rtol: 1e-6, atol: 1e-12 }, `dLogits ${rows}×${cols}`)
    }
  })

  it('refuses buffers smaller than rows × cols', () => {
    expect(() => kernel(new Float32Array(3), new Float32Array(4), new Float32Array(4), 2, 2, 1)).toThrow(
      ShapeError,
    )
  })
})
