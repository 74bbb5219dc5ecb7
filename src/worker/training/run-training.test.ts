import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { npzToStateDict } from '../../engine'
import type { MetricsLine } from '../../shared/experiment'
import { RunStore } from '../../main/services/runs'
import { decodeCheckpoint } from './checkpoint'
import { TrainingControl } from './control'
import { runTraining } from './run-training'
import { autoencoderSpec, blobExperiment, blobsDataset, classifierSpec } from './test-support/blobs'
import { TrainingError, type TrainingProgress } from './types'

let workspace: string
let store: RunStore
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'dllab-train-'))
  store = new RunStore(workspace)
})
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

const classify = blobExperiment(
  classifierSpec,
  { kind: 'classify' },
  {
    epochs: 6,
    batchSize: 4,
    optimizer: { name: 'adam', lr: 0.01 },
    seed: 3,
    checkpointEvery: 2,
  },
)

/** Metrics without the wall-clock fields. */
const timeless = (lines: MetricsLine[]) => lines.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest)

describe('runTraining: classify', () => {
  it('learns the separable blobs: the loss falls, accuracy reaches 100 %', async () => {
    const run = await store.create(classify)
    const epochs: MetricsLine[] = []
    const result = await runTraining({
      experiment: classify,
      dataset: blobsDataset(),
      run,
      onEpoch: (m) => epochs.push(m),
    })
    expect(result.status).toBe('finished')
    expect(result.epoch).toBe(6)
    expect(result.step).toBe(6 * 8)
    const metrics = await run.readMetrics()
    expect(timeless(metrics)).toEqual(timeless(epochs))
    expect(metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6])
    expect(metrics.map((m) => m.step)).toEqual([8, 16, 24, 32, 40, 48])
    // Seeded: these numbers repeat on every machine (float32 kernels, float64 sums).
    expect(metrics[0]!.trainLoss).toBeCloseTo(0.4748, 3)
    expect(metrics[0]!.trainAccuracy).toBe(27 / 32)
    expect(metrics[5]!.trainLoss).toBeCloseTo(0.00146, 4)
    expect(metrics[5]!.testLoss).toBeCloseTo(0.00127, 4)
    // softmax-cross-entropy is a mean over the batch: the sum of the 8 batch losses is 8 × the mean.
    expect(metrics[0]!.trainLossSum! / 8).toBeCloseTo(metrics[0]!.trainLoss!, 12)
    expect(metrics[5]!.trainAccuracy).toBe(1)
    expect(metrics[5]!.testAccuracy).toBe(1)
    expect(metrics[5]!.trainLoss).toBeLessThan(metrics[0]!.trainLoss! / 4)
    const evaluation = result.evaluation!
    expect(evaluation.split).toBe('test')
    expect(evaluation.classification!.confusion).toEqual([
      [8, 0],
      [0, 8],
    ])
    expect(evaluation.classification!.correct).toBe(16)
    expect(await run.listCheckpoints()).toEqual(['epoch-2.npz', 'epoch-4.npz', 'epoch-6.npz'])
    const weights = npzToStateDict(await run.readWeights())
    expect(Object.keys(weights.tensors)).toEqual(['hidden.W', 'hidden.b', 'out.W', 'out.b'])
    expect(weights.tensors['hidden.W']!.shape).toEqual([64, 8])
    expect(weights.meta).toBeUndefined()
  })
})

describe('runTraining: resume', () => {
  it('a classifier stopped after epoch 2 and resumed ends with byte-identical weights.npz', async () => {
    const dataset = blobsDataset()
    const whole = await store.create(classify)
    await runTraining({ experiment: classify, dataset, run: whole })

    const split = await store.create(classify)
    const control = new TrainingControl()
    const first = await runTraining({
      experiment: classify,
      dataset,
      run: split,
      control,
      onEpoch: (m) => m.epoch === 2 && control.cancel(),
    })
    expect(first.status).toBe('cancelled')
    expect(first.checkpoint).toBe('epoch-2.npz')
    const checkpoint = await split.readCheckpoint(first.checkpoint!)
    const second = await runTraining({ experiment: classify, dataset, run: split, resumeFrom: checkpoint })
    expect(second.status).toBe('finished')
    expect(Buffer.from(await split.readWeights()).equals(Buffer.from(await whole.readWeights()))).toBe(true)
    expect(timeless(await split.readMetrics())).toEqual(timeless(await whole.readMetrics()))
    expect(second.evaluation).toEqual((await whole.readEvaluation())!)
  })

  it('a denoising autoencoder with random draws stopped mid-epoch resumes bit for bit', async () => {
    const experiment = blobExperiment(
      autoencoderSpec,
      { kind: 'autoencode', variant: 'denoising', noise: { kind: 'masking', level: 0.3 } },
      {
        epochs: 3,
        batchSize: 3,
        sampling: { kind: 'random-with-replacement', drawsPerEpoch: 20 },
        optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9 },
        seed: 11,
        checkpointEvery: 0,
      },
    )
    const dataset = blobsDataset()
    const whole = await store.create(experiment)
    await runTraining({ experiment, dataset, run: whole })

    // A clock that advances 60 ms per reading makes progress reports (and so the cancel) deterministic.
    let t = 0
    const now = () => (t += 60)
    const split = await store.create(experiment)
    const control = new TrainingControl()
    const first = await runTraining({
      experiment,
      dataset,
      run: split,
      control,
      now,
      onProgress: (p) => p.step >= 10 && control.cancel(),
    })
    expect(first.status).toBe('cancelled')
    expect(first.checkpoint).toMatch(/^epoch-1-batch-\d+\.npz$/)
    const saved = decodeCheckpoint(await split.readCheckpoint(first.checkpoint!))
    expect(saved.meta.stage).toBe('train')
    expect(saved.meta.epoch).toBe(1)
    expect(saved.meta.step).toBe(7 + saved.meta.batch)
    expect(Object.keys(saved.optimizer).sort()).toEqual([
      'code.W.momentum',
      'code.b.momentum',
      'decoder.W.momentum',
      'decoder.b.momentum',
      'step',
    ])
    const second = await runTraining({
      experiment,
      dataset,
      run: split,
      resumeFrom: await split.readCheckpoint(first.checkpoint!),
    })
    expect(second.status).toBe('finished')
    expect(Buffer.from(await split.readWeights()).equals(Buffer.from(await whole.readWeights()))).toBe(true)
    expect(timeless(await split.readMetrics())).toEqual(timeless(await whole.readMetrics()))
    expect(await split.listCheckpoints()).toEqual([first.checkpoint, 'epoch-3.npz'])
  })

  it('refuses a checkpoint of another experiment', async () => {
    const run = await store.create(classify)
    await runTraining({ experiment: classify, dataset: blobsDataset(), run })
    const bytes = await run.readCheckpoint('epoch-2.npz')
    const other = blobExperiment(classifierSpec, { kind: 'classify' }, { ...classify.training, seed: 4 })
    await expect(
      runTraining({ experiment: other, dataset: blobsDataset(), run, resumeFrom: bytes }),
    ).rejects.toThrow(
      "the checkpoint was written by stage 'train' with seed 3, this is stage 'train' with seed 4",
    )
  })
})

describe('runTraining: control and progress', () => {
  it('cancel before the first step still writes a checkpoint', async () => {
    const run = await store.create(classify)
    const controller = new AbortController()
    controller.abort()
    const result = await runTraining({
      experiment: classify,
      dataset: blobsDataset(),
      run,
      signal: controller.signal,
    })
    expect(result).toEqual({ status: 'cancelled', epoch: 0, step: 0, checkpoint: 'epoch-0.npz' })
    expect(await readdir(join(run.dir, 'checkpoints'))).toEqual(['epoch-0.npz'])
  })

  it('pauses and resumes', async () => {
    const run = await store.create(classify)
    const control = new TrainingControl()
    let pausedAt = -1
    const done = runTraining({
      experiment: classify,
      dataset: blobsDataset(),
      run,
      control,
      onEpoch: (m) => {
        if (m.epoch === 3) {
          control.pause()
          pausedAt = m.epoch
          setTimeout(() => control.resume(), 50)
        }
      },
    })
    const result = await done
    expect(pausedAt).toBe(3)
    expect(result.status).toBe('finished')
    expect(result.epoch).toBe(6)
  })

  it('reports progress at most every 100 ms however fast the steps are', async () => {
    const experiment = blobExperiment(
      classifierSpec,
      { kind: 'classify' },
      {
        epochs: 200,
        batchSize: 1,
        checkpointEvery: 0,
        optimizer: { name: 'sgd', lr: 0.01 },
      },
    )
    const reports: TrainingProgress[] = []
    const started = performance.now()
    const result = await runTraining({
      experiment,
      dataset: blobsDataset(),
      run: await store.create(experiment),
      previewCount: 0,
      onProgress: (p) => reports.push(p),
    })
    const seconds = (performance.now() - started) / 1000
    expect(result.step).toBe(200 * 32)
    expect(reports.length).toBeGreaterThanOrEqual(1)
    expect(reports.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1)
    expect(reports[0]).toMatchObject({
      stage: 'train',
      epoch: 1,
      epochs: 200,
      batch: 1,
      step: 1,
      totalSteps: 6400,
    })
  })
})

describe('runTraining: errors', () => {
  it('says when the model does not fit the data', async () => {
    const wrong = blobExperiment(
      { ...classifierSpec, input: { features: 49 } },
      { kind: 'classify' },
      { epochs: 1 },
    )
    await expect(
      runTraining({ experiment: wrong, dataset: blobsDataset(), run: await store.create(wrong) }),
    ).rejects.toThrow(
      new TrainingError(
        "experiment model: model 'blob classifier' takes (49) = 49 values per sample, but the data gives (1, 8, 8) = 64; change the model's input or data.preprocess (colour, size)",
      ),
    )
  })

  it('needs the resolved model when the experiment names a preset', async () => {
    const named = blobExperiment('lenet5', { kind: 'classify' }, { epochs: 1 })
    await expect(
      runTraining({ experiment: named, dataset: blobsDataset(), run: await store.create(named) }),
    ).rejects.toThrow(/names the preset model 'lenet5': resolve it/)
  })

  it('checks the dataset arrays agree', async () => {
    const data = { ...blobsDataset(), trainY: new Int32Array(3) }
    await expect(
      runTraining({ experiment: classify, dataset: data, run: await store.create(classify) }),
    ).rejects.toThrow('the training set has 3 labels but 2048 values, expected 3 × 64 = 192')
  })
})

describe('files', () => {
  it('leaves no temporary files', async () => {
    const run = await store.create(classify)
    await runTraining({ experiment: classify, dataset: blobsDataset(), run })
    const all = await readdir(run.dir, { recursive: true })
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(JSON.parse(await readFile(join(run.dir, 'evaluation.json'), 'utf8')).format).toBe(
      'dllab.evaluation/1',
    )
  })
})
