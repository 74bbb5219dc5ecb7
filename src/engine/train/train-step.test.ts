import { beforeAll, describe, expect, it } from 'vitest'
import { Rng } from '../init/rng'
import type { Parameter } from '../layers/layer'
import { softmaxCrossEntropy } from '../kernels/js/softmax-cross-entropy'
import { registerKernel } from '../kernels/registry'
import { getLoss, type LossName } from '../losses/index'
import { createOptimizer, type OptimizerOptions, type OptimizerState } from '../optim/index'
import { Tensor, tensor } from '../tensor/tensor'
import { BatchBuffer } from './gather-batch'
import { RandomWithReplacementSampler } from './random-sampler'
import type { Sampler, SamplerState } from './sampler'
import { ShuffleSampler } from './shuffle-sampler'
import { expectAllClose, readFixture } from './test-support/compare'
import { evaluateLoss, type TrainableModel, trainStep } from './train-step'

interface Run {
  name: string
  loss: LossName
  optimizer: 'sgd' | 'adam'
  options: OptimizerOptions
  sampler: 'random' | 'shuffle'
  samplerOptions: { batchSize: number; seed: number; draws?: number }
  epochs: number
  batches: number[][][]
  stepLosses: number[]
  epochSse: number[]
  finalW: number[]
  finalB: number[]
}
interface LinearFixture {
  rngSeed42FirstUint32: number[]
  inputs: number
  outputs: number
  samples: number
  x: number[]
  t: number[]
  W0: number[]
  b0: number[]
  initialSse: number
  runs: Run[]
}
const fx = readFixture<LinearFixture>('./fixtures/linear-regression.json', import.meta.url)
const X = Float32Array.from(fx.x)
const T = Float32Array.from(fx.t)

beforeAll(() => registerKernel('softmaxCrossEntropy', 'js', softmaxCrossEntropy))

/**
 * u = xW + b built from a plain object (independent of the layers code): W (inputs × outputs), b (outputs).
 * forward  U = X W + 1b;  backward ∂W += XᵗΔ, ∂b += 1ᵗΔ, returns ΔWᵗ (the lecture's dense layer).
 */
function linearModel(): TrainableModel & { W: Parameter; b: Parameter } {
  const n = fx.inputs
  const m = fx.outputs
  const W: Parameter = {
    name: 'fc.W',
    value: tensor(fx.W0, [n, m]),
    grad: tensor(new Float32Array(n * m), [n, m]),
  }
  const b: Parameter = { name: 'fc.b', value: tensor(fx.b0, [m]), grad: tensor(new Float32Array(m), [m]) }
  let last: Tensor | undefined
  return {
    W,
    b,
    parameters: () => [W, b],
    forward(x: Tensor): Tensor {
      const rows = x.shape[0]!
      const y = new Float32Array(rows * m)
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < m; j++) {
          let s = b.value.data[j]!
          for (let i = 0; i < n; i++) s += x.data[r * n + i]! * W.value.data[i * m + j]!
          y[r * m + j] = s
        }
      }
      last = x
      return new Tensor(y, [rows, m])
    },
    backward(dy: Tensor): Tensor {
      const x = last!
      const rows = x.shape[0]!
      const dx = new Float32Array(rows * n)
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < m; j++) {
          const d = dy.data[r * m + j]!
          b.grad.data[j] = b.grad.data[j]! + d
          for (let i = 0; i < n; i++) {
            W.grad.data[i * m + j] = W.grad.data[i * m + j]! + x.data[r * n + i]! * d
            dx[r * n + i] = dx[r * n + i]! + d * W.value.data[i * m + j]!
          }
        }
      }
      return new Tensor(dx, [rows, n])
    },
  }
}

function makeSampler(run: Run): Sampler {
  const { batchSize, seed, draws } = run.samplerOptions
  return run.sampler === 'random'
    ? new RandomWithReplacementSampler({ size: fx.samples, batchSize, draws, seed })
    : new ShuffleSampler({ size: fx.samples, batchSize, seed })
}

const wholeX = tensor(X, [fx.samples, fx.inputs])
const wholeT = tensor(T, [fx.samples, fx.outputs])
const sseOfWholeSet = (model: TrainableModel) => evaluateLoss(model, getLoss('sse'), wholeX, wholeT)

/** Trains `run` from the sampler's current position until `stop` returns true or the run ends. */
function train(
  run: Run,
  model: TrainableModel,
  sampler: Sampler,
  optimizer: ReturnType<typeof createOptimizer>,
  onStep: (value: number, step: number) => void = () => {},
  onEpoch: (epoch: number) => void = () => {},
  stop: (step: number) => boolean = () => false,
): void {
  const xs = new BatchBuffer(run.samplerOptions.batchSize, [fx.inputs])
  const ts = new BatchBuffer(run.samplerOptions.batchSize, [fx.outputs])
  const loss = getLoss(run.loss)
  while (sampler.epoch < run.epochs) {
    const e = sampler.epoch
    while (sampler.epoch === e) {
      if (stop(optimizer.steps)) return
      const indices = sampler.next()
      onStep(
        trainStep(model, loss, optimizer, xs.gather(X, indices), ts.gather(T, indices)),
        optimizer.steps - 1,
      )
    }
    onEpoch(e)
  }
}

describe('the Python port of the Rng used for the fixture', () => {
  it('draws the same first words as src/engine/init/rng.ts', () => {
    const rng = new Rng(42)
    expect([0, 1, 2, 3].map(() => rng.nextUint32())).toEqual(fx.rngSeed42FirstUint32)
  })
})

describe('trainStep end to end: a linear model against PyTorch on the same minibatches', () => {
  it('starts from the fixture problem', () => {
    expect(sseOfWholeSet(linearModel())).toBeCloseTo(fx.initialSse, 5) // 9.4971
  })

  for (const run of fx.runs) {
    it(run.name, () => {
      const model = linearModel()
      const sampler = makeSampler(run)
      const optimizer = createOptimizer(run.optimizer, model.parameters(), run.options)
      // the samplers draw exactly the batches the fixture trained PyTorch on
      const probe = makeSampler(run)
      expect(run.batches.map((epoch) => epoch.map(() => Array.from(probe.next())))).toEqual(run.batches)
      const stepLosses: number[] = []
      const epochSse: number[] = []
      train(
        run,
        model,
        sampler,
        optimizer,
        (value) => stepLosses.push(value),
        () => epochSse.push(sseOfWholeSet(model)),
      )
      // float32 engine vs float64 torch over 40–200 steps of a contracting problem
      expectAllClose(stepLosses, run.stepLosses, 1e-5, 1e-9, 'step losses')
      expectAllClose(epochSse, run.epochSse, 1e-5, 0, 'epoch SSE')
      expectAllClose(model.W.value.data, run.finalW, 1e-5, 1e-7, 'W')
      expectAllClose(model.b.value.data, run.finalB, 1e-5, 1e-7, 'b')
    })
  }

  it('the lecture run (SSE, plain SGD α = 0.05, random draws, batch 1) brings SSE from 9.497 to 0.2533', () => {
    const run = fx.runs[0]!
    const model = linearModel()
    train(run, model, makeSampler(run), createOptimizer('sgd', model.parameters(), { lr: 0.05 }))
    expect(sseOfWholeSet(model)).toBeCloseTo(0.25327, 4)
  })
})

describe('resuming a run from its checkpointed state', () => {
  it('weights + optimizer state + sampler state continue bit-identically (Adam, shuffle)', () => {
    const run = fx.runs[1]!
    const stopAt = 13 // inside epoch 5 of 3 batches (8, 8, 4)
    const model = linearModel()
    const sampler = makeSampler(run)
    const optimizer = createOptimizer(run.optimizer, model.parameters(), run.options)
    train(run, model, sampler, optimizer, undefined, undefined, (step) => step === stopAt)
    const checkpoint = {
      W: model.W.value.data.slice(),
      b: model.b.value.data.slice(),
      optimizer: optimizer.stateDict() as OptimizerState,
      sampler: JSON.parse(JSON.stringify(sampler.getState())) as SamplerState,
    }
    expect(checkpoint.sampler.position).toBeGreaterThan(0)
    train(run, model, sampler, optimizer)

    const resumed = linearModel()
    resumed.W.value.data.set(checkpoint.W)
    resumed.b.value.data.set(checkpoint.b)
    const resumedOptimizer = createOptimizer(run.optimizer, resumed.parameters(), run.options)
    resumedOptimizer.loadStateDict(checkpoint.optimizer)
    const resumedSampler = makeSampler(run)
    resumedSampler.setState(checkpoint.sampler)
    train(run, resumed, resumedSampler, resumedOptimizer)

    expect(Array.from(resumed.W.value.data)).toEqual(Array.from(model.W.value.data))
    expect(Array.from(resumed.b.value.data)).toEqual(Array.from(model.b.value.data))
    expect(resumedOptimizer.steps).toBe(30)
  })
})

describe('trainStep details', () => {
  it('trains with softmax cross-entropy: a 3-class problem loses over half its loss in 51 steps', () => {
    const model = linearModel() // 4 inputs → 3 logits
    const t = tensor([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0], [4, 3])
    const x = tensor(X.subarray(0, 16), [4, 4])
    const sce = getLoss('softmax-cross-entropy')
    const optimizer = createOptimizer('sgd', model.parameters(), { lr: 0.5 })
    const before = evaluateLoss(model, sce, x, t)
    const first = trainStep(model, sce, optimizer, x, t)
    expect(first).toBeCloseTo(before, 6) // trainStep returns the loss before its update
    for (let i = 0; i < 50; i++) trainStep(model, sce, optimizer, x, t)
    const after = evaluateLoss(model, sce, x, t)
    expect(after).toBeLessThan(0.5 * before)
    expect(model.b.grad.data.some((g) => g !== 0)).toBe(true)
  })

  it('zeroes every model gradient, also those of parameters the optimizer does not update', () => {
    const model = linearModel()
    const optimizer = createOptimizer('sgd', [model.b], { lr: 0 }) // W frozen; nothing moves
    const x = tensor(X.subarray(0, 8), [2, 4])
    const t = tensor(T.subarray(0, 6), [2, 3])
    trainStep(model, getLoss('sse'), optimizer, x, t)
    const once = Array.from(model.W.grad.data)
    trainStep(model, getLoss('sse'), optimizer, x, t)
    expect(Array.from(model.W.grad.data)).toEqual(once) // not accumulated to twice the value
    expect(once.some((g) => g !== 0)).toBe(true)
  })
})
