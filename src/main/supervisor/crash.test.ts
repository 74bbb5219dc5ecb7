import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MetricsLine } from '../../shared/experiment'
import { decodeCheckpoint } from '../../worker/training'
import { RunStore } from '../services/runs'
import { trainingWorkerScript } from './node-spawner'
import { nodeWorkerSpawner } from './node-spawner'
import { blobClassifier, writeBlobIdx, type BlobFiles } from './test-support/blob-data'
import { Harness } from './test-support/harness'

let h: Harness
let files: BlobFiles
beforeEach(async () => {
  h = await Harness.create()
  files = await writeBlobIdx(join(h.dir, 'data'), 400)
})
afterEach(async () => {
  await h.supervisor.shutdown()
  await h.dispose()
})

const timeless = (lines: MetricsLine[]) => lines.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest)

describe('Supervisor: crash safety', () => {
  it('a worker killed with SIGKILL mid-epoch fails its run; its checkpoint loads and resumes bit for bit', async () => {
    // 800 samples an epoch, one step each: several progress reports per epoch
    const experiment = blobClassifier(files, {
      epochs: 4,
      batchSize: 1,
      optimizer: { name: 'sgd', lr: 0.01 },
      seed: 21,
    })
    const whole = await h.supervisor.start(experiment, { name: 'uninterrupted' })
    const victim = await h.supervisor.start(experiment, { name: 'killed' })
    await h.waitFor((e) => e.type === 'checkpoint' && e.runId === victim.runId)
    const midEpoch = await h.waitFor(
      (e) =>
        e.type === 'progress' && e.runId === victim.runId && e.progress.epoch >= 2 && e.progress.batch > 1,
    )
    const pid = (await h.supervisor.get(victim.runId)).jobs[0]!.pid!
    expect(pid).toBeGreaterThan(0)
    process.kill(pid, 'SIGKILL')

    const failed = await h.supervisor.settled(victim.runId)
    expect(failed.status).toBe('failed')
    expect(failed.reason).toBe('the training process was killed by SIGKILL')
    expect(failed.resumable).toBe(true)
    expect(midEpoch.type === 'progress' && midEpoch.progress.epoch).toBeGreaterThanOrEqual(2)

    const store = new RunStore(h.workspace)
    const folder = await store.open(victim.runId)
    const latest = (await folder.latestCheckpoint())!
    expect(latest).toMatch(/^epoch-\d+\.npz$/)
    const saved = decodeCheckpoint(await folder.readCheckpoint(latest))
    expect(saved.meta).toMatchObject({ stage: 'train', batch: 0, seed: 21 })
    expect(saved.meta.epoch).toBeGreaterThanOrEqual(1)
    expect(Object.keys(saved.weights).sort()).toEqual(['hidden.W', 'hidden.b', 'out.W', 'out.b'])

    // the other run carried on
    expect(await h.supervisor.settled(whole.runId)).toMatchObject({ status: 'finished', step: 4 * 800 })
    await h.supervisor.resumeRun(victim.runId)
    expect(await h.supervisor.settled(victim.runId)).toMatchObject({ status: 'finished', step: 4 * 800 })
    const reference = await store.open(whole.runId)
    expect(Buffer.from(await folder.readWeights()).equals(Buffer.from(await reference.readWeights()))).toBe(
      true,
    )
    expect(timeless(await folder.readMetrics())).toEqual(timeless(await reference.readMetrics()))
  })

  it('a worker that sends a malformed message is stopped with a clear error', async () => {
    await h.supervisor.shutdown()
    const base = trainingWorkerScript()
    const rogue = {
      path: join(import.meta.dirname, 'test-support', 'rogue-worker.ts'),
      execArgv: base.execArgv,
    }
    h.supervisor = h.newSupervisor({ spawner: nodeWorkerSpawner({ script: rogue }) })
    const { runId } = await h.supervisor.start(blobClassifier(files))
    const end = await h.supervisor.settled(runId)
    expect(end.status).toBe('failed')
    expect(end.reason).toMatch(
      /^ProtocolError: the training worker sent a 'progress' message that does not follow the training protocol \(progress\.epoch: .*\): \{"type":"progress".*; the worker was stopped$/,
    )
    const exit = await new Promise<{ signal: string | null }>((resolve) => h.handles[0]!.onExit(resolve))
    expect(exit.signal).toBe('SIGKILL')
    expect(h.of('progress', runId)).toEqual([])
  })

  it('a training error fails its run with the error; the other runs carry on', async () => {
    const small = await writeBlobIdx(join(h.dir, 'small'))
    const diverging = blobClassifier(small, { epochs: 3, optimizer: { name: 'sgd', lr: 1e30 } }, 'diverging')
    const fine = blobClassifier(small, { epochs: 3 }, 'fine')
    const bad = await h.supervisor.start(diverging)
    const good = await h.supervisor.start(fine)
    const failed = await h.supervisor.settled(bad.runId)
    expect(failed.status).toBe('failed')
    expect(failed.reason).toMatch(
      /^TrainingError: stage 'train': the loss became (NaN|Infinity) at epoch 1, step \d+; .*lower the learning rate$/,
    )
    expect(await h.supervisor.settled(good.runId)).toMatchObject({ status: 'finished', step: 24 })
  })
})
