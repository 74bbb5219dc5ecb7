import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RunStore } from '../../main/services/runs'
import { runTraining } from './run-training'
import { blobExperiment, blobsDataset, classifierSpec } from './test-support/blobs'

let workspace: string
let store: RunStore
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'dllab-step-lines-'))
  store = new RunStore(workspace)
})
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

/**
 * training.logEverySteps: a 'step' line every N steps (the running means of the epoch so far), in
 * metrics.jsonl before its epoch's line, and written while the epoch goes on, not only at its end, so
 * the Train view reads the current epoch's steps after a reload.
 */
describe('step lines in metrics.jsonl', () => {
  // 32 blobs, minibatches of 4: 8 steps an epoch, a step line every 2 steps.
  const experiment = blobExperiment(
    classifierSpec,
    { kind: 'classify' },
    { epochs: 2, batchSize: 4, optimizer: { name: 'adam', lr: 0.01 }, seed: 3, logEverySteps: 2 },
  )

  it('writes them in order, each epoch ending with its epoch line', async () => {
    const run = await store.create(experiment)
    await runTraining({ experiment, dataset: blobsDataset(), run })
    const lines = await run.readMetrics()
    expect(lines.map((l) => `${l.kind} ${l.step}`)).toEqual([
      'step 2',
      'step 4',
      'step 6',
      'step 8',
      'epoch 8',
      'step 10',
      'step 12',
      'step 14',
      'step 16',
      'epoch 16',
    ])
    // The step line at the epoch's last step holds the epoch's own running means.
    expect(lines[3]!.trainLoss).toBe(lines[4]!.trainLoss)
    expect(lines[3]!.trainAccuracy).toBe(lines[4]!.trainAccuracy)
  })

  it('are on disk while the epoch trains, once a second has passed since the last write', async () => {
    const run = await store.create(experiment)
    const writes: string[][] = []
    const append = run.appendMetrics.bind(run)
    run.appendMetrics = (lines) => {
      writes.push(lines.map((l) => `${l.kind} ${l.step}`))
      return append(lines)
    }
    // A clock that moves 400 ms at each reading: a write of the step lines comes due within the epoch.
    let t = 0
    await runTraining({ experiment, dataset: blobsDataset(), run, now: () => (t += 400) })
    const epoch1 = writes.slice(0, writes.findIndex((w) => w.includes('epoch 8')) + 1)
    expect(epoch1.length).toBeGreaterThan(2)
    expect(epoch1[0]!.every((line) => line.startsWith('step'))).toBe(true)
    expect(epoch1.flat()).toEqual(['step 2', 'step 4', 'step 6', 'step 8', 'epoch 8'])
    expect((await run.readMetrics()).filter((l) => l.kind === 'step')).toHaveLength(8)
  })

  it('are written by every stage of a stacked autoencoder, pre-training included', async () => {
    const stacked = blobExperiment(
      {
        ...classifierSpec,
        layers: [{ type: 'dense', name: 'h1', units: 6, activation: 'sigmoid' }, ...classifierSpec.layers],
      },
      {
        kind: 'pretrain-stack',
        pretrain: { epochs: 1, batchSize: 8, optimizer: { name: 'adam', lr: 0.02 } },
      },
      { epochs: 1, batchSize: 8, optimizer: { name: 'adam', lr: 0.01 }, seed: 5, logEverySteps: 2 },
    )
    const run = await store.create(stacked)
    await runTraining({ experiment: stacked, dataset: blobsDataset(), run })
    // 32 blobs in minibatches of 8: 4 steps a stage, a step line at steps 2 and 4 of each.
    const steps = (await run.readMetrics()).filter((l) => l.kind === 'step')
    expect(steps.map((l) => `${l.stage} ${l.step}`)).toEqual([
      'pretrain:h1 2',
      'pretrain:h1 4',
      'pretrain:hidden 2',
      'pretrain:hidden 4',
      'finetune 2',
      'finetune 4',
      'scratch 2',
      'scratch 4',
    ])
    // Autoencoder stages have no accuracy; the classifier's has.
    expect(steps.map((l) => l.trainAccuracy === null)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ])
  })
})
