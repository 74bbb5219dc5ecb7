import {
  BatchBuffer,
  type ModelSpec,
  ShuffleSampler,
  buildModel,
  createOptimizer,
  getLoss,
  kernels,
  type LossName,
  type SgdOptions,
  trainStep,
} from '../src/engine'
import {
  dlPySpec,
  leNet5LogitsSpec,
  mlp784Spec,
  tiedAutoencoderSpec,
} from '../src/engine/models/test-support/lecture-specs'
import { randomOneHot, uniformData } from '../src/engine/models/test-support/toy-data'

/**
 * The benchmark's workloads. Training workloads run the real training step (gather a minibatch,
 * forward, loss, backward, optimizer step) on SYNTHETIC data of MNIST's shape: uniform random pixels
 * and random labels. The point is speed, not learning: the arithmetic per sample is the same as on
 * real digits. Each `step()` returns the work it did: samples for training, FLOPs for GEMM.
 */
export interface Workload {
  id: string
  description: string
  unit: 'samples' | 'flops'
  batchSize?: number
  /** Builds the model and data (not timed) and returns one step. */
  create(): Step
}

/** One step returning its work; training steps also tell the bytes of their weights and data. */
export type Step = (() => number) & { weightBytes?: number; dataBytes?: number }

const POOL = 1024 // synthetic samples per workload

interface TrainingOptions {
  spec: ModelSpec
  inputShape: readonly number[]
  batchSize: number
  loss: LossName
  sgd: SgdOptions
  logits?: boolean
  autoencode?: boolean
}

function trainingStep(o: TrainingOptions): Step {
  const model = buildModel(o.spec, { seed: 1, ...(o.logits ? { logits: true } : {}) })
  const loss = getLoss(o.loss)
  const optimizer = createOptimizer('sgd', model.parameters(), o.sgd)
  const x = uniformData([POOL, ...o.inputShape], 2)
  const outputs = model.outputShape[0]!
  const t = o.autoencode ? x : randomOneHot(POOL, outputs, 3)
  const sampler = new ShuffleSampler({ size: POOL, batchSize: o.batchSize, seed: 4 })
  const xb = new BatchBuffer(o.batchSize, o.inputShape)
  const tb = new BatchBuffer(o.batchSize, model.outputShape)
  const step = (): number => {
    const indices = sampler.next()
    const xs = xb.gather(x.data, indices)
    const ts = o.autoencode ? xs : tb.gather(t.data, indices)
    trainStep(model, loss, optimizer, xs, ts)
    return indices.length
  }
  const weightBytes = 4 * model.parameters().reduce((sum, p) => sum + p.value.size, 0)
  const dataBytes = 4 * (x.size + (o.autoencode ? 0 : t.size))
  return Object.assign(step, { weightBytes, dataBytes })
}

function gemmStep(n: number): () => number {
  const a = uniformData([n, n], 5).data
  const b = uniformData([n, n], 6).data
  const c = new Float32Array(n * n)
  return () => {
    kernels.gemm(c, a, b, n, n, n, false, false, false)
    return 2 * n * n * n
  }
}

export const workloads: Workload[] = [
  {
    id: 'dlpy-b1',
    description: 'DL.py 196-256-128-64-32-32-32-10, batch 1, SGD α 0.1, SSE on sigmoid outputs',
    unit: 'samples',
    batchSize: 1,
    create: () =>
      trainingStep({ spec: dlPySpec, inputShape: [196], batchSize: 1, loss: 'sse', sgd: { lr: 0.1 } }),
  },
  {
    id: 'mlp784-b64',
    description: 'MLP 784-256-128-64-32-32-32-10, batch 64, SGD α 0.1, softmax cross-entropy',
    unit: 'samples',
    batchSize: 64,
    create: () =>
      trainingStep({
        spec: mlp784Spec,
        inputShape: [784],
        batchSize: 64,
        loss: 'softmax-cross-entropy',
        sgd: { lr: 0.1 },
      }),
  },
  {
    id: 'lenet5-b64',
    description: 'LeNet-5 1×28×28, batch 64, SGD α 0.01 momentum 0.9, softmax cross-entropy',
    unit: 'samples',
    batchSize: 64,
    create: () =>
      trainingStep({
        spec: leNet5LogitsSpec,
        inputShape: [1, 28, 28],
        batchSize: 64,
        loss: 'softmax-cross-entropy',
        sgd: { lr: 0.01, momentum: 0.9 },
      }),
  },
  ...[1, 64].map((batchSize): Workload => ({
    id: `ae784-b${batchSize}`,
    description: `Autoencoder 784-100-784 (tied), batch ${batchSize}, SGD α 0.1, SSE on sigmoid outputs`,
    unit: 'samples',
    batchSize,
    create: () =>
      trainingStep({
        spec: tiedAutoencoderSpec,
        inputShape: [784],
        batchSize,
        loss: 'sse',
        sgd: { lr: 0.1 },
        autoencode: true,
      }),
  })),
  ...[256, 1024].map((n): Workload => ({
    id: `gemm-${n}`,
    description: `GEMM C = A·B, ${n}×${n}×${n} float32 (2n³ FLOPs per call)`,
    unit: 'flops',
    create: () => gemmStep(n),
  })),
]
