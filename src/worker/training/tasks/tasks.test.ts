import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { npzToStateDict, Rng } from '../../../engine'
import { EXPERIMENT_FORMAT, parseExperiment } from '../../../shared/experiment'
import { RunStore, type RunFolder } from '../../../main/services/runs'
import { TrainingControl } from '../control'
import { runTraining } from '../run-training'
import { blobExperiment, blobsDataset } from '../test-support/blobs'
import type { TrainingDataset } from '../types'

let workspace: string
let store: RunStore
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'dllab-tasks-'))
  store = new RunStore(workspace)
})
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

const same = async (a: Uint8Array, b: Uint8Array) => expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)

describe('pretrain-stack', () => {
  const stackSpec = {
    format: 'dllab.model/1',
    name: 'stack',
    input: { features: 64 },
    init: { scheme: 'glorot' },
    layers: [
      { type: 'dense', name: 'h1', units: 12, activation: 'sigmoid' },
      { type: 'dense', name: 'h2', units: 6, activation: 'sigmoid' },
      { type: 'dense', name: 'out', units: 2, activation: 'softmax' },
    ],
  }
  const experiment = blobExperiment(
    stackSpec,
    {
      kind: 'pretrain-stack',
      pretrain: { epochs: 3, batchSize: 4, optimizer: { name: 'adam', lr: 0.02 } },
      compareFromScratch: true,
    },
    { epochs: 3, batchSize: 4, optimizer: { name: 'adam', lr: 0.01 }, seed: 5, checkpointEvery: 1 },
  )

  it('pre-trains each hidden layer on the codes below it, fine-tunes, and trains from scratch', async () => {
    const run = await store.create(experiment)
    const stages: string[] = []
    const result = await runTraining({
      experiment,
      dataset: blobsDataset(),
      run,
      onStage: (s) => stages.push(`${s.index}/${s.count} ${s.name}`),
    })
    expect(result.status).toBe('finished')
    expect(stages).toEqual(['0/4 pretrain:h1', '1/4 pretrain:h2', '2/4 finetune', '3/4 scratch'])
    const metrics = await run.readMetrics()
    expect(metrics.map((m) => `${m.stage} ${m.epoch}`)).toEqual([
      'pretrain:h1 1',
      'pretrain:h1 2',
      'pretrain:h1 3',
      'pretrain:h2 1',
      'pretrain:h2 2',
      'pretrain:h2 3',
      'finetune 1',
      'finetune 2',
      'finetune 3',
      'scratch 1',
      'scratch 2',
      'scratch 3',
    ])
    const h1 = metrics.filter((m) => m.stage === 'pretrain:h1')
    expect(h1[2]!.trainLoss).toBeLessThan(h1[0]!.trainLoss!)
    expect(h1[0]!.trainAccuracy).toBeNull()
    expect(h1[0]!.testLoss).toBeGreaterThan(0)
    const finetune = metrics.filter((m) => m.stage === 'finetune')
    expect(finetune[2]!.testAccuracy).toBe(1)
    expect(await run.listCheckpoints()).toEqual([
      'epoch-1.npz',
      'epoch-2.npz',
      'epoch-3.npz',
      'stage-1-epoch-1.npz',
      'stage-1-epoch-2.npz',
      'stage-1-epoch-3.npz',
      'stage-2-epoch-1.npz',
      'stage-2-epoch-2.npz',
      'stage-2-epoch-3.npz',
      'stage-3-epoch-1.npz',
      'stage-3-epoch-2.npz',
      'stage-3-epoch-3.npz',
    ])
    const pretrainCheckpoint = npzToStateDict(await run.readCheckpoint('stage-1-epoch-3.npz')).tensors
    expect(Object.keys(pretrainCheckpoint).filter((k) => !k.startsWith('optim.'))).toEqual([
      'h1.W',
      'h1.b',
      'h2.W',
      'h2.b',
      'out.W',
      'out.b',
      'h2-decoder.W',
      'h2-decoder.b',
    ])
    const evaluation = (await run.readEvaluation())!
    expect(evaluation.task).toBe('pretrain-stack')
    expect(evaluation.classification!.correct).toBe(16)
    expect(Object.keys(evaluation.stages!)).toEqual(['finetune', 'scratch'])
    const tuned = npzToStateDict(await run.readWeights()).tensors
    const scratch = npzToStateDict(await run.child('scratch').readWeights()).tensors
    expect(Object.keys(tuned)).toEqual(['h1.W', 'h1.b', 'h2.W', 'h2.b', 'out.W', 'out.b'])
    expect(tuned['h1.W']!.data).not.toEqual(scratch['h1.W']!.data)
  })

  it('resumes in the middle of a pre-training stage with byte-identical results', async () => {
    const dataset = blobsDataset()
    const whole = await store.create(experiment)
    await runTraining({ experiment, dataset, run: whole })
    const split = await store.create(experiment)
    const control = new TrainingControl()
    const first = await runTraining({
      experiment,
      dataset,
      run: split,
      control,
      onEpoch: (m) => m.stage === 'pretrain:h2' && m.epoch === 1 && control.cancel(),
    })
    expect(first).toMatchObject({ status: 'cancelled', checkpoint: 'stage-1-epoch-1.npz' })
    const second = await runTraining({
      experiment,
      dataset,
      run: split,
      resumeFrom: await split.readCheckpoint('stage-1-epoch-1.npz'),
    })
    expect(second.status).toBe('finished')
    await same(await split.readWeights(), await whole.readWeights())
    await same(await split.child('scratch').readWeights(), await whole.child('scratch').readWeights())
    expect(second.evaluation).toEqual(await whole.readEvaluation())
  })
})

describe('per-channel-autoencode', () => {
  /** 3×4×4 colour images: each channel its own pattern, so the three autoencoders differ. */
  function colourImages(n: number, seed: number): TrainingDataset {
    const rng = new Rng(seed)
    const x = new Float32Array(n * 48)
    const y = new Int32Array(n)
    for (let s = 0; s < n; s++) {
      y[s] = s % 2
      for (let c = 0; c < 3; c++) {
        for (let p = 0; p < 16; p++) {
          const on = (p + c + y[s]!) % 3 === 0
          x[s * 48 + c * 16 + p] = (on ? 0.8 : 0.1) + 0.1 * rng.uniform()
        }
      }
    }
    return { trainX: x, trainY: y, sampleShape: [3, 4, 4], classes: ['a', 'b'] }
  }
  const dataset = (): TrainingDataset => {
    const train = colourImages(12, 1)
    const test = colourImages(6, 2)
    return { ...train, testX: test.trainX, testY: test.trainY }
  }
  const experiment = parseExperiment({
    format: EXPERIMENT_FORMAT,
    name: 'homework',
    data: { source: { kind: 'folder', train: 'c/train' }, preprocess: { colour: 'rgb', size: 4 } },
    model: {
      format: 'dllab.model/1',
      input: { features: 16 },
      init: { scheme: 'uniform', range: 0.5 },
      layers: [
        { type: 'dense', name: 'hunit', units: 4, activation: 'sigmoid' },
        { type: 'dense', name: 'outunit', units: 16, activation: 'sigmoid' },
      ],
    },
    task: { kind: 'per-channel-autoencode' },
    training: {
      epochs: 4,
      batchSize: 1,
      sampling: { kind: 'random-with-replacement', drawsPerEpoch: 12 },
      optimizer: { name: 'sgd', lr: 0.5 },
      seed: 2,
      checkpointEvery: 2,
    },
  })

  it('trains one autoencoder per channel and recombines them into colour images', async () => {
    const run = await store.create(experiment)
    const result = await runTraining({ experiment, dataset: dataset(), run })
    expect(result.status).toBe('finished')
    for (const c of ['R', 'G', 'B'] as const) {
      const metrics = await run.child(c).readMetrics()
      expect(metrics.map((m) => m.stage)).toEqual(Array(4).fill(`channel:${c}`))
      expect(metrics[3]!.trainLoss).toBeLessThan(metrics[0]!.trainLoss!)
      expect(await (run.child(c) as RunFolder).listCheckpoints()).toEqual(['epoch-2.npz', 'epoch-4.npz'])
    }
    const weights = npzToStateDict(await run.readWeights()).tensors
    expect(Object.keys(weights)).toEqual([
      'R.hunit.W',
      'R.hunit.b',
      'R.outunit.W',
      'R.outunit.b',
      'G.hunit.W',
      'G.hunit.b',
      'G.outunit.W',
      'G.outunit.b',
      'B.hunit.W',
      'B.hunit.b',
      'B.outunit.W',
      'B.outunit.b',
    ])
    const evaluation = result.evaluation!
    expect(evaluation.split).toBe('test')
    const colour = evaluation.reconstruction!
    expect(colour.samples).toBe(6)
    expect(colour.features).toBe(48)
    // The colour image's squared error is the sum of its three channels'.
    const channels = ['R', 'G', 'B'].map((c) => evaluation.stages![c]!.reconstruction!)
    colour.perSample.forEach((sse, i) =>
      expect(sse).toBeCloseTo(
        channels.reduce((s, ch) => s + ch.perSample[i]!, 0),
        5,
      ),
    )
    expect(await run.readEvaluation()).toEqual(evaluation)
  })

  it('trains one channel alone for the supervisor, and resumes a channel bit for bit', async () => {
    const whole = await store.create(experiment)
    await runTraining({ experiment, dataset: dataset(), run: whole })
    const split = await store.create(experiment)
    const control = new TrainingControl()
    const first = await runTraining({
      experiment,
      dataset: dataset(),
      run: split,
      control,
      onEpoch: (m) => m.stage === 'channel:G' && m.epoch === 2 && control.cancel(),
    })
    expect(first).toMatchObject({ status: 'cancelled', checkpoint: 'epoch-2.npz' })
    const bytes = await (split.child('G') as RunFolder).readCheckpoint('epoch-2.npz')
    await expect(
      runTraining({ experiment, dataset: dataset(), run: split, channel: 'B', resumeFrom: bytes }),
    ).rejects.toThrow("the checkpoint is of stage 'channel:G', not of channel B")
    const g = await runTraining({
      experiment,
      dataset: dataset(),
      run: split,
      channel: 'G',
      resumeFrom: bytes,
    })
    expect(g.status).toBe('finished')
    await same(await split.child('G').readWeights(), await whole.child('G').readWeights())
    const b = await runTraining({ experiment, dataset: dataset(), run: split, channel: 'B' })
    expect(b.evaluation!.stages).toBeUndefined()
    await same(await split.child('B').readWeights(), await whole.child('B').readWeights())
  })
})
