import { type ChildProcess, spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { hostname } from 'node:os'
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
    const { app, lines } = startAppProcess(slow(7))
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

  it('leaves alone the runs of another live process in the same workspace, and recovers them once it is gone', async () => {
    // A `dllab train` (its own supervisor, its own process) trains while the app opens the workspace.
    const { app, lines } = startAppProcess(slow(9))
    await until(() => lines.some((e) => e.type === 'checkpoint'), 45_000, 'the first checkpoint')
    const checkpoint = lines.find((e) => e.type === 'checkpoint')!
    const otherId = checkpoint.type === 'checkpoint' ? checkpoint.runId : ''
    const store = new RunStore(h.workspace)
    const other = await store.open(otherId)
    expect((await other.readState())?.owner).toEqual({ pid: app.pid, host: hostname() })
    // A run it queued but has not started yet: the app must not train it too.
    const itsQueued = await store.create(blobClassifier(files, { epochs: 2 }, 'queued by the CLI'))
    await itsQueued.writeState({ status: 'queued', owner: { pid: app.pid!, host: hostname() } })

    const next = (h.supervisor = h.newSupervisor())
    await next.open()
    expect((await other.readState())?.status).toBe('running')
    expect(await next.get(itsQueued.id)).toMatchObject({ status: 'queued', active: false })
    const workerPid = lines
      .flatMap((e) => (e.type === 'state' ? e.run.jobs.map((j) => j.pid) : []))
      .find(Boolean)!
    expect(alive(workerPid)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(h.events.filter((e) => e.type === 'state' && e.run.runId === itsQueued.id)).toEqual([])

    // The other process dies: the next supervisor to open the workspace recovers both runs.
    app.kill('SIGKILL')
    await until(() => !alive(workerPid), 30_000, 'the orphaned worker to exit')
    await next.shutdown()
    const after = (h.supervisor = h.newSupervisor())
    await after.open()
    expect(await after.get(otherId)).toMatchObject({ status: 'paused', reason: INTERRUPTED.resumable })
    // (requeued after open() resolves: wait for its end rather than ask settled() too early)
    const finished = await h.waitFor(
      (e) => e.type === 'state' && e.run.runId === itsQueued.id && e.run.status === 'finished',
      60_000,
    )
    expect(finished.type === 'state' && finished.run.step).toBe(2 * 32)
  })
})

/** A supervisor in its own process (the app, or a `dllab train`) training `experiment`; its events as lines. */
function startAppProcess(experiment: unknown): { app: ChildProcess; lines: TrainingEvent[] } {
  const app = spawn(
    process.execPath,
    [
      ...trainingWorkerScript().execArgv,
      join(import.meta.dirname, 'test-support', 'supervisor-process.ts'),
      h.workspace,
      JSON.stringify(experiment),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines: TrainingEvent[] = []
  createInterface({ input: app.stdout! }).on('line', (line) => lines.push(JSON.parse(line) as TrainingEvent))
  return { app, lines }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
