import { beforeAll, describe, expect, it } from 'vitest'
import { EngineError, ShapeError, SpecError } from '../errors'
import { softmaxCrossEntropy } from '../kernels/js/softmax-cross-entropy'
import { registerKernel } from '../kernels/registry'
import { tensor } from '../tensor/tensor'
import { expectAllClose, nextFloat32Up, readFixture } from '../train/test-support/compare'
import { getLoss, type LossName, lossNames } from './index'

interface LossCase {
  loss: LossName
  name: string
  shape: number[]
  gradCheck: boolean
  pred: number[]
  target: number[]
  value: number
  grad: number[]
}
const fixture = readFixture<{ cases: LossCase[] }>('./fixtures/losses.json', import.meta.url)

beforeAll(() => {
  // The engine's kernels/js/index.ts registers every JS kernel; this suite needs only this one.
  registerKernel('softmaxCrossEntropy', 'js', softmaxCrossEntropy)
})

function run(name: LossName, pred: Float32Array, target: Float32Array, shape: number[]) {
  const grad = new Float32Array(pred.length)
  const value = getLoss(name).compute(tensor(pred, shape), tensor(target, shape), grad)
  return { value, grad }
}

describe('losses against PyTorch (tools/torch/gen_loss_optim_fixtures.py)', () => {
  it('covers every loss', () => {
    expect(new Set(fixture.cases.map((c) => c.loss))).toEqual(new Set(lossNames))
  })

  for (const c of fixture.cases) {
    it(`${c.loss}: ${c.name}`, () => {
      const { value, grad } = run(c.loss, Float32Array.from(c.pred), Float32Array.from(c.target), c.shape)
      // value: float64 on the same float32 inputs as the reference → agreement to ~1e-12
      expect(Math.abs(value - c.value)).toBeLessThanOrEqual(1e-9 * Math.abs(c.value))
      // grad: stored in float32 → one rounding (relative 6e-8); atol 1e-15 for float64 cancellation in
      // softmax − 1 when p ≈ 1 (torch has the same) and for float32-subnormal tails (e^−100)
      expectAllClose(grad, c.grad, 1e-6, 1e-15, `${c.loss} ${c.name} grad`)
    })
  }
})

/**
 * Central differences with one Richardson step: D(h) = (L(x + h) − L(x − h)) / (x₊ − x₋), where x₊ and
 * x₋ are the float32 values actually stored (float32 rounding of the step does not bias the quotient),
 * and ∂L/∂x ≈ (4 D(h) − D(2h)) / 3 (error O(h⁴)) when the stored steps are exactly h and 2h. The loss
 * value is float64, so the truncation is what is left.
 */
function stepFor(name: LossName, x: number, t: number): number {
  if (name !== 'binary-cross-entropy') return 1e-3
  // −t log p − (1 − t) log(1 − p) curves on the scale p (t = 1) or 1 − p (t = 0); stay inside (0, 1)
  const scale = t === 1 ? x : t === 0 ? 1 - x : Math.min(x, 1 - x)
  return Math.min(1e-3 * scale, 0.25 * Math.min(x, 1 - x))
}

function numericGradient(name: LossName, pred: Float32Array, target: Float32Array, shape: number[]) {
  const numeric = new Float64Array(pred.length)
  const at = (k: number, v: number) => {
    const x = pred[k]!
    pred[k] = v
    const value = run(name, pred, target, shape).value
    pred[k] = x
    return value
  }
  for (let k = 0; k < pred.length; k++) {
    const x = pred[k]!
    let xp = Math.fround(x + stepFor(name, x, target[k]!))
    if (xp <= x) xp = nextFloat32Up(x)
    const h = xp - x
    const xm = Math.fround(x - h)
    const xp2 = Math.fround(x + 2 * h)
    const xm2 = Math.fround(x - 2 * h)
    const d1 = (at(k, xp) - at(k, xm)) / (xp - xm)
    const exact = xm === x - h && xp2 === x + 2 * h && xm2 === x - 2 * h
    numeric[k] = exact ? (4 * d1 - (at(k, xp2) - at(k, xm2)) / (xp2 - xm2)) / 3 : d1
  }
  return numeric
}

describe('central-difference gradient checks', () => {
  for (const c of fixture.cases.filter((k) => k.gradCheck)) {
    it(`${c.loss}: ${c.name}`, () => {
      const pred = Float32Array.from(c.pred)
      const target = Float32Array.from(c.target)
      const { grad } = run(c.loss, pred, target, c.shape)
      const numeric = numericGradient(c.loss, pred, target, c.shape)
      expectAllClose(grad, numeric, 2e-6, 1e-9, `${c.loss} ${c.name} numeric grad`)
    })
  }
})

describe('loss definitions', () => {
  it("sse is ½Σ(y − t)² with gradient y − t (the lecture's delta before f′)", () => {
    const { value, grad } = run(
      'sse',
      Float32Array.of(0.8, 0.2, 0.5, 0.25),
      Float32Array.of(1, 0, 0, 1),
      [2, 2],
    )
    // ½ (0.2² + 0.2² + 0.5² + 0.75²) = ½ (0.04 + 0.04 + 0.25 + 0.5625) = 0.44625
    expect(value).toBeCloseTo(0.44625, 6)
    expectAllClose(grad, [-0.2, 0.2, 0.5, -0.75], 1e-6, 0, 'sse grad')
  })

  it('mse is the mean over all elements', () => {
    const { value, grad } = run('mse', Float32Array.of(1, 2, 3, 4), Float32Array.of(0, 0, 0, 0), [2, 2])
    expect(value).toBe(7.5) // (1 + 4 + 9 + 16) / 4
    expectAllClose(grad, [0.5, 1, 1.5, 2], 0, 0, 'mse grad') // 2y/4
  })

  it('softmax cross-entropy averages over the batch: two equal logits give ln 2', () => {
    const { value, grad } = run(
      'softmax-cross-entropy',
      Float32Array.of(0, 0, 3, 3),
      Float32Array.of(1, 0, 0, 1),
      [2, 2],
    )
    expect(value).toBeCloseTo(Math.LN2, 12)
    expectAllClose(grad, [-0.25, 0.25, 0.25, -0.25], 1e-7, 0, 'sce grad') // (0.5 − t)/2
  })

  it('binary cross-entropy clamps log(0) at −100 like PyTorch', () => {
    const { value, grad } = run('binary-cross-entropy', Float32Array.of(0, 1), Float32Array.of(1, 1), [1, 2])
    expect(value).toBe(50) // (100 + 0) / 2
    expectAllClose(grad, [-0.5e12, 0], 1e-7, 0, 'bce grad') // (0 − 1)/1e-12/2 and (1 − 1)/…
  })

  it('overwrites the gradient buffer instead of accumulating', () => {
    const grad = new Float32Array([7, 7])
    getLoss('sse').compute(tensor([1, 1], [1, 2]), tensor([0, 1], [1, 2]), grad)
    expect(Array.from(grad)).toEqual([1, 0])
  })
})

describe('loss errors', () => {
  it('rejects unknown names with the list of known ones', () => {
    expect(() => getLoss('hinge')).toThrow(SpecError)
    expect(() => getLoss('hinge')).toThrow(/sse, mse, softmax-cross-entropy, binary-cross-entropy/)
    expect(() => getLoss('toString')).toThrow(SpecError)
  })

  it('rejects mismatched shapes and gradient buffers', () => {
    const sse = getLoss('sse')
    expect(() => sse.compute(tensor([1, 2], [1, 2]), tensor([1, 2], [2, 1]), new Float32Array(2))).toThrow(
      ShapeError,
    )
    expect(() => sse.compute(tensor([1, 2], [1, 2]), tensor([1, 2], [1, 2]), new Float32Array(3))).toThrow(
      /gradient buffer must hold 2 values/,
    )
  })

  it('softmax cross-entropy needs (N, classes) and target rows summing to 1', () => {
    const sce = getLoss('softmax-cross-entropy')
    const g = new Float32Array(4)
    expect(() => sce.compute(tensor([0, 0, 0, 0], [1, 2, 2]), tensor([1, 0, 0, 0], [1, 2, 2]), g)).toThrow(
      ShapeError,
    )
    expect(() => sce.compute(tensor([0, 0, 0, 0], [2, 2]), tensor([1, 0, 1, 1], [2, 2]), g)).toThrow(
      /target row 1 sums to 2/,
    )
  })

  it('binary cross-entropy needs probabilities', () => {
    const bce = getLoss('binary-cross-entropy')
    expect(() =>
      bce.compute(tensor([0.5, 1.5], [1, 2]), tensor([0, 1], [1, 2]), new Float32Array(2)),
    ).toThrow(EngineError)
  })
})
