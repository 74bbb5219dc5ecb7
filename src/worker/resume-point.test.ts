import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RunStore } from '../main/services/runs'
import type { MetricsLine } from '../shared/experiment'
import { linesUpTo, prepareResume, resetMetrics } from './resume-point'
import { runTraining, TrainingControl } from './training'
import { blobExperiment, blobsDataset, classifierSpec } from './training/test-support/blobs'

const line = (epoch: number, step: number, stage?: string): MetricsLine => ({
  kind: 'epoch',
  ...(stage ? { stage } : {}),
  epoch,
  step,
  trainLoss: 1,
  trainAccuracy: null,
  seconds: 0,
  samplesPerSecond: 0,
})

describe('linesUpTo', () => {
  it('keeps a single-stage run up to the checkpoint step', () => {
    const lines = [line(1, 8), line(2, 16), line(3, 24)]
    expect(linesUpTo(lines, 'train', 16)).toEqual(lines.slice(0, 2))
    expect(linesUpTo(lines, 'train', 24)).toEqual(lines)
    expect(linesUpTo(lines, 'train', 0)).toEqual([])
  })

  it('keeps earlier stages and cuts later ones', () => {
    const lines = [
      line(1, 8, 'pretrain:h1'),
      line(1, 8, 'finetune'),
      line(2, 16, 'finetune'),
      line(1, 8, 'scratch'),
    ]
    expect(linesUpTo(lines, 'finetune', 8)).toEqual(lines.slice(0, 2))
    expect(linesUpTo(lines, 'finetune', 16)).toEqual(lines.slice(0, 3))
    expect(linesUpTo(lines, 'pretrain:h1', 8)).toEqual(lines.slice(0, 1))
  })
})

let workspace: string
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'dllab-resume-'))
})
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

describe('prepareResume', () => {
  it('reads the latest checkpoint and cuts what a killed worker wrote after it', async () => {
    const experiment = blobExperiment(
      classifierSpec,
      { kind: 'classify' },
      { epochs: 4, batchSize: 4, seed: 2 },
    )
    const run = await new RunStore(workspace).create(experiment)
    const control = new TrainingControl()
    await runTraining({
      experiment,
      dataset: blobsDataset(),
      run,
      control,
      onEpoch: (m) => m.epoch === 2 && control.cancel(),
    })
    expect(await run.listCheckpoints()).toEqual(['epoch-1.npz', 'epoch-2.npz'])
    // a worker killed between writing epoch 3's metrics and its checkpoint, mid-write of a file
    await run.appendMetrics([line(3, 24)])
    await writeFile(join(run.checkpointsDir, '.epoch-3.npz.123.abcdef.tmp'), 'partial')

    const point = await prepareResume(run)
    expect(point).toMatchObject({ name: 'epoch-2.npz', trimmed: 1 })
    expect((await run.readMetrics()).map((m) => m.epoch)).toEqual([1, 2])
    expect((await readdir(run.checkpointsDir)).sort()).toEqual(['epoch-1.npz', 'epoch-2.npz'])
    expect(Buffer.from(point.bytes).equals(Buffer.from(await run.readCheckpoint('epoch-2.npz')))).toBe(true)

    await resetMetrics(run)
    expect(await run.readMetrics()).toEqual([])
  })

  it('says when there is nothing to resume from', async () => {
    const experiment = blobExperiment(classifierSpec, { kind: 'classify' }, { epochs: 1 })
    const run = await new RunStore(workspace).create(experiment)
    await expect(prepareResume(run)).rejects.toThrow(
      /has no checkpoint in .*checkpoints to resume from; start it again instead/,
    )
  })
})
