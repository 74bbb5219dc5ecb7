import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { npzToStateDict } from '../../engine'
import { RunStore } from '../services/runs'
import { blobPerChannel, writeBlobIdx, type BlobFiles } from './test-support/blob-data'
import { Harness } from './test-support/harness'

let h: Harness
let files: BlobFiles
beforeEach(async () => {
  h = await Harness.create({ concurrency: 3 })
  files = await writeBlobIdx(join(h.dir, 'colour'), 16, 3)
})
afterEach(async () => {
  await h.supervisor.shutdown()
  await h.dispose()
})

describe('Supervisor: per-channel-autoencode', () => {
  it('trains the R, G and B autoencoders in three parallel workers, then recombines them', async () => {
    const started = await h.supervisor.start(blobPerChannel(files))
    expect(started.jobs.map((j) => [j.job, j.status])).toEqual([
      ['R', 'running'],
      ['G', 'running'],
      ['B', 'running'],
      ['combine', 'held'],
    ])
    expect(started.jobs.slice(0, 3).every((j) => j.pid !== undefined && j.pid > 0)).toBe(true)
    const end = await h.supervisor.settled(started.runId)
    expect(end.status).toBe('finished')
    expect(end.jobs.map((j) => [j.job, j.status])).toEqual([
      ['R', 'finished'],
      ['G', 'finished'],
      ['B', 'finished'],
      ['combine', 'finished'],
    ])
    // three different worker processes trained the channels at the same time
    const pids = new Set(
      h
        .states(started.runId)
        .flatMap((s) => s.jobs.filter((j) => j.job !== 'combine' && j.pid !== undefined).map((j) => j.pid)),
    )
    expect(pids.size).toBe(3)
    const stages = new Set(h.of('progress', started.runId).map((e) => `${e.job}:${e.progress.stage}`))
    expect(stages).toEqual(new Set(['R:channel:R', 'G:channel:G', 'B:channel:B']))
    expect(
      h
        .of('checkpoint', started.runId)
        .map((e) => e.path)
        .sort(),
    ).toEqual([
      'stages/B/checkpoints/epoch-1.npz',
      'stages/B/checkpoints/epoch-2.npz',
      'stages/G/checkpoints/epoch-1.npz',
      'stages/G/checkpoints/epoch-2.npz',
      'stages/R/checkpoints/epoch-1.npz',
      'stages/R/checkpoints/epoch-2.npz',
    ])
    expect(end.evaluation).toMatchObject({ task: 'per-channel-autoencode', split: 'test' })
    expect(Object.keys(end.evaluation!.stages!).sort()).toEqual(['B', 'G', 'R'])
    expect(end.evaluation!.meanSse).toBeGreaterThan(0)

    const folder = await new RunStore(h.workspace).open(started.runId)
    const weights = npzToStateDict(await folder.readWeights()).tensors
    expect(Object.keys(weights).sort()).toEqual(
      ['R', 'G', 'B']
        .flatMap((c) => [`${c}.code.W`, `${c}.code.b`, `${c}.decoder.W`, `${c}.decoder.b`])
        .sort(),
    )
  })
})

describe('Supervisor: stopping a per-channel run', () => {
  it('kill ends the three channel workers at once; resume-run trains what is left and recombines', async () => {
    // Enough epochs that no channel can finish between its first checkpoint and the kill.
    const epochs = 100
    const experiment = blobPerChannel(files, { epochs, batchSize: 1, checkpointEvery: 1 })
    const { runId } = await h.supervisor.start(experiment)
    for (const job of ['R', 'G', 'B']) {
      await h.waitFor((e) => e.type === 'checkpoint' && e.runId === runId && e.job === job)
    }
    const killed = await h.supervisor.kill(runId)
    // The SIGKILLs may already have been reaped when kill() answers: still running, or already cancelled.
    expect(['running', 'cancelled']).toContain(killed.status)
    const end = await h.supervisor.settled(runId)
    expect(end).toMatchObject({ status: 'cancelled', resumable: true })
    expect(end.reason).toMatch(/^stopped at once \(kill\)/)
    expect(end.jobs.map((j) => [j.job, j.status])).toEqual([
      ['R', 'cancelled'],
      ['G', 'cancelled'],
      ['B', 'cancelled'],
      ['combine', 'cancelled'],
    ])
    const exits = await Promise.all(
      h.handles.map((handle) => new Promise<{ signal: string | null }>((resolve) => handle.onExit(resolve))),
    )
    expect(exits.map((e) => e.signal)).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL'])

    await h.supervisor.resumeRun(runId)
    const resumed = await h.supervisor.settled(runId)
    expect(resumed.status).toBe('finished')
    expect(Object.keys(resumed.evaluation!.stages!).sort()).toEqual(['B', 'G', 'R'])
    const folder = await new RunStore(h.workspace).open(runId)
    for (const c of ['R', 'G', 'B']) {
      const metrics = await folder.child(c).readMetrics()
      expect(metrics.map((m) => m.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1))
    }
  })
})
