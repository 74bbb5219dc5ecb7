import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TrainingEvent } from '../../shared/training'
import { RunStore } from '../services/runs'
import { trainingWorkerScript } from './node-spawner'
import { CLOSED } from './scheduler'
import { INTERRUPTED } from './recovery'
import { blobClassifier, writeBlobIdx, type BlobFiles } from './test-support/blob-data'
import { Harness, until } from './test-support/harness'

let h: Harness
let files: BlobFiles
beforeEach(async () => {
  h = await Harness.create()
  files = await writeBlobIdx(join(h.dir, 'data'), 64)
})
afterEach(async () => {
  await h.supervisor.shutdown()
  await h.dispose()
})

const slow = (seed = 4) =>
  blobClassifier(files, { epochs: 40, batchSize: 1, optimizer: { name: 'sgd', lr: 0.01 }, seed })

describe('Supervisor: an app closed or crashed during training', () => {
  it('shutdown() checkpoints and stops the workers; the next start resumes the run from there', async () => {
    const { runId } = await h.supervisor.start(slow())
    await h.waitFor((e) => e.type === 'checkpoint' && e.runId === runId)
    await h.supervisor.shutdown()
    const closed = await h.supervisor.get(runId)
    expect(closed).toMatchObject({ status: 'paused', reason: CLOSED, active: false, resumable: true })
    expect(closed.checkpoint).toMatch(/^epoch-\d+(-batch-\d+)?\.npz$/)
    await expect(h.supervisor.start(slow())).rejects.toThrow('DL Lab is closing; no training starts now')

    const next = (h.supervisor = h.newSupervisor())
    expect((await next.list()).map((r) => [r.runId, r.status, r.resumable])).toEqual([
      [runId, 'paused', true],
    ])
    await next.resume(runId)
    expect(await next.settled(runId)).toMatchObject({ status: 'finished', step: 40 * 128 })
  })

  it('after a crash, runs left running become paused (with a checkpoint) or failed; queued runs train', async () => {
    // the "app": a supervisor in its own process, killed with SIGKILL once its run has a checkpoint
    const tsx = trainingWorkerScript().execArgv
    const app = spawn(
      process.execPath,
      [
        ...tsx,
        join(import.meta.dirname, 'test-support', 'supervisor-process.ts'),
        h.workspace,
        JSON.stringify(slow(7)),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const lines: TrainingEvent[] = []
    createInterface({ input: app.stdout! }).on('line', (line) =>
      lines.push(JSON.parse(line) as TrainingEvent),
    )
    await until(() => lines.some((e) => e.type === 'checkpoint'), 45_000, 'the first checkpoint')
    const crashed = lines.find((e) => e.type === 'checkpoint')!
    const crashedId = crashed.type === 'checkpoint' ? crashed.runId : ''
    const workerPid = lines
      .flatMap((e) => (e.type === 'state' ? e.run.jobs.map((j) => j.pid) : []))
      .find(Boolean)!
    app.kill('SIGKILL')
    // its worker notices the parent is gone, checkpoints and exits
    await until(() => !alive(workerPid), 30_000, 'the orphaned worker to exit')

    const store = new RunStore(h.workspace)
    expect((await (await store.open(crashedId)).readState())?.status).toBe('running')
    const neverStarted = await store.create(slow())
    await neverStarted.writeState({ status: 'running' })
    const waiting = await store.create(blobClassifier(files, { epochs: 2 }, 'waiting'))

    const next = (h.supervisor = h.newSupervisor())
    await next.open()
    expect(await next.get(crashedId)).toMatchObject({
      status: 'paused',
      reason: INTERRUPTED.resumable,
      resumable: true,
    })
    expect(await next.get(neverStarted.id)).toMatchObject({ status: 'failed', reason: INTERRUPTED.fromStart })
    expect(await next.settled(waiting.id)).toMatchObject({ status: 'finished', step: 2 * 32 })

    const checkpoints = await readdir(join(h.workspace, 'runs', crashedId, 'checkpoints'))
    expect(checkpoints.length).toBeGreaterThanOrEqual(1)
    await next.resumeRun(crashedId)
    expect(await next.settled(crashedId)).toMatchObject({ status: 'finished', step: 40 * 128 })
  })
})

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
