import { describe, expect, it } from 'vitest'
import { EngineError, ShapeError, SpecError } from '../errors'
import type { Parameter } from '../layers/layer'
import { tensor } from '../tensor/tensor'
import { expectAllClose, readFixture } from '../train/test-support/compare'
import { createOptimizer, type OptimizerOptions, type OptimizerState } from './index'

interface OptimCase {
  name: string
  optimizer: 'sgd' | 'adam'
  options: OptimizerOptions
  after: Record<string, number[]>[]
  finalState: Record<string, number[]>
}
interface OptimFixture {
  params: { name: string; shape: number[]; value: number[] }[]
  grads: Record<string, number[]>[]
  cases: OptimCase[]
}
const fixture = readFixture<OptimFixture>('./fixtures/optimizers.json', import.meta.url)

function freshParams(): Parameter[] {
  return fixture.params.map((p) => ({
    name: p.name,
    value: tensor(p.value, p.shape),
    grad: tensor(new Float32Array(p.value.length), p.shape),
  }))
}

function setGrads(params: Parameter[], step: number): void {
  for (const p of params) p.grad.data.set(fixture.grads[step]![p.name]!)
}

/**
 * Reference: PyTorch in float64 on the same float32 inputs (tools/torch/gen_loss_optim_fixtures.py).
 * The engine stores values and state in float32, one rounding per step: relative 1e-6 holds, with
 * an absolute floor of 1e-7 for values that pass near 0.
 */
const RTOL = 1e-6
const ATOL = 1e-7

describe('optimizers against PyTorch, 5 steps on fixed gradients', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const params = freshParams()
      const opt = createOptimizer(c.optimizer, params, c.options)
      c.after.forEach((expected, s) => {
        setGrads(params, s)
        opt.step()
        for (const p of params)
          expectAllClose(p.value.data, expected[p.name]!, RTOL, ATOL, `${p.name} step ${s + 1}`)
      })
      const state = opt.stateDict()
      expect(state.step).toBe(5)
      expect(Object.keys(state).sort()).toEqual(['step', ...Object.keys(c.finalState)].sort())
      for (const [key, expected] of Object.entries(c.finalState)) {
        expectAllClose(state[key] as Float32Array, expected, RTOL, 1e-9, key)
      }
    })
  }

  it('step() reads the gradients and never changes them (weight decay is added on the fly)', () => {
    const params = freshParams()
    const opt = createOptimizer('sgd', params, { lr: 0.1, momentum: 0.9, weightDecay: 0.01 })
    setGrads(params, 0)
    opt.step()
    for (const p of params) expect(Array.from(p.grad.data)).toEqual(fixture.grads[0]![p.name])
  })
})

describe('checkpoint state', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: save after 2 steps, load into a new optimizer, 3 more steps match`, () => {
      const first = freshParams()
      const before = createOptimizer(c.optimizer, first, c.options)
      for (let s = 0; s < 2; s++) {
        setGrads(first, s)
        before.step()
      }
      const saved: OptimizerState = before.stateDict()
      const second = freshParams()
      first.forEach((p, i) => second[i]!.value.data.set(p.value.data))
      const after = createOptimizer(c.optimizer, second, c.options)
      after.loadStateDict(saved)
      expect(after.steps).toBe(2)
      for (let s = 2; s < 5; s++) {
        setGrads(first, s)
        setGrads(second, s)
        before.step()
        after.step()
      }
      // bit-identical to the uninterrupted run
      second.forEach((p, i) => expect(Array.from(p.value.data)).toEqual(Array.from(first[i]!.value.data)))
      for (const p of second) expectAllClose(p.value.data, c.after[4]![p.name]!, RTOL, ATOL, p.name)
    })
  }

  it('stateDict returns copies', () => {
    const params = freshParams()
    const opt = createOptimizer('adam', params)
    const state = opt.stateDict()
    setGrads(params, 0)
    opt.step()
    expect((state['fc.b.adam_m'] as Float32Array).every((x) => x === 0)).toBe(true)
    expect(state.step).toBe(0)
  })

  it('names its state with stable keys', () => {
    expect(Object.keys(createOptimizer('sgd', freshParams(), { lr: 0.1 }).stateDict())).toEqual(['step'])
    expect(
      Object.keys(createOptimizer('sgd', freshParams(), { lr: 0.1, momentum: 0.5 }).stateDict()),
    ).toEqual(['step', 'fc.W.momentum', 'fc.b.momentum'])
    expect(Object.keys(createOptimizer('adam', freshParams(), { amsgrad: true }).stateDict())).toEqual([
      'step',
      'fc.W.adam_m',
      'fc.W.adam_v',
      'fc.W.adam_vmax',
      'fc.b.adam_m',
      'fc.b.adam_v',
      'fc.b.adam_vmax',
    ])
  })

  it('refuses state from another optimizer or model', () => {
    const adamState = createOptimizer('adam', freshParams()).stateDict()
    const sgd = createOptimizer('sgd', freshParams(), { lr: 0.1, momentum: 0.9 })
    expect(() => sgd.loadStateDict(adamState)).toThrow(EngineError)
    expect(() => sgd.loadStateDict({ step: 1 })).toThrow(/no float32 buffer 'fc.W.momentum'/)
    expect(() =>
      sgd.loadStateDict({
        step: 1,
        'fc.W.momentum': new Float32Array(3),
        'fc.b.momentum': new Float32Array(4),
      }),
    ).toThrow(ShapeError)
    expect(() => createOptimizer('adam', freshParams()).loadStateDict({ ...adamState, step: -1 })).toThrow(
      /non-negative integer/,
    )
  })
})

describe('lecture update and zeroGrad', () => {
  it("plain SGD is the lecture's W ← W − α∂W with α = 0.1", () => {
    const w: Parameter = { name: 'out.W', value: tensor([0.5, -0.25], [2]), grad: tensor([0.2, -0.4], [2]) }
    const opt = createOptimizer('sgd', [w], { lr: 0.1 })
    opt.step()
    expectAllClose(w.value.data, [0.48, -0.21], 1e-7, 0, 'W')
    opt.zeroGrad()
    expect(Array.from(w.grad.data)).toEqual([0, 0])
  })
})

describe('optimizer options', () => {
  it('validates like torch and names the fix', () => {
    expect(() => createOptimizer('sgd', freshParams(), {} as never)).toThrow(/lr is required/)
    expect(() => createOptimizer('sgd', freshParams(), { lr: -1 })).toThrow(SpecError)
    expect(() => createOptimizer('sgd', freshParams(), { lr: 0.1, nesterov: true })).toThrow(
      /nesterov needs momentum/,
    )
    expect(() => createOptimizer('adam', freshParams(), { betas: [1, 0.9] })).toThrow(/betas\[0\]/)
    expect(() => createOptimizer('adam', freshParams(), { momentum: 0.9 } as never)).toThrow(
      /unknown option 'momentum'/,
    )
    expect(() => createOptimizer('rmsprop', freshParams(), {})).toThrow(/choose one of sgd, adam/)
  })

  it('refuses duplicate parameter names (they are checkpoint keys)', () => {
    const [w] = freshParams()
    expect(() => createOptimizer('adam', [w!, w!])).toThrow(/two parameters are named 'fc.W'/)
  })
})
