import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../services/services'
import type { WorkerExit, WorkerHandle, WorkerSpawner } from './spawner'
import { Supervisor } from './supervisor'
import { blobClassifier, writeBlobIdx, type BlobFiles } from './test-support/blob-data'

/**
 * How many workers live at once follows the concurrency, also when it changes while runs wait. The
 * workers here are fakes that never say 'ready': each stays live (running) until killed, so the
 * number spawned is the number the scheduler let start.
 */
class SilentSpawner implements WorkerSpawner {
  readonly handles: (WorkerHandle & { killed: boolean })[] = []

  spawn(): WorkerHandle {
    const exits: ((exit: WorkerExit) => void)[] = []
    const handle = {
      pid: 1000 + this.handles.length,
      killed: false,
      send: () => undefined,
      onMessage: () => undefined,
      onExit: (listener: (exit: WorkerExit) => void) => void exits.push(listener),
      kill: () => {
        if (handle.killed) return
        handle.killed = true
        queueMicrotask(() => exits.forEach((l) => l({ code: null, signal: 'SIGKILL' })))
      },
    }
    this.handles.push(handle)
    return handle
  }

  killAll(): void {
    for (const handle of this.handles) handle.kill()
  }

  get live(): number {
    return this.handles.filter((h) => !h.killed).length
  }
}

let dir: string
let files: BlobFiles
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-concurrency-'))
  files = await writeBlobIdx(join(dir, 'data'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Ends every fake worker and waits until the runs' state files are written. */
const endAll = async (spawner: SilentSpawner, supervisor: Supervisor) => {
  spawner.killAll()
  for (const run of await supervisor.list()) await supervisor.settled(run.runId)
}

const startThree = async (supervisor: Supervisor) => {
  const infos = []
  for (const name of ['a', 'b', 'c']) infos.push(await supervisor.start(blobClassifier(files), { name }))
  return infos
}

describe('Supervisor concurrency', () => {
  it('starts queued runs when raised, and lets live workers finish when lowered', async () => {
    const spawner = new SilentSpawner()
    const supervisor = new Supervisor({ spawner, workspace: () => join(dir, 'ws'), concurrency: 1 })
    const [a, b, c] = await startThree(supervisor)
    expect(spawner.live).toBe(1)
    expect((await supervisor.get(b!.runId)).queuePosition).toBe(1)
    expect((await supervisor.get(c!.runId)).queuePosition).toBe(2)

    supervisor.setConcurrency(3)
    expect(supervisor.concurrency).toBe(3)
    expect(spawner.live).toBe(3)
    expect((await supervisor.list()).map((r) => r.status)).toEqual(['running', 'running', 'running'])

    // lowered to 1: nobody is stopped; after a kill, two are still live, so nothing new may start
    supervisor.setConcurrency(1)
    expect(spawner.live).toBe(3)
    await supervisor.kill(a!.runId)
    await supervisor.settled(a!.runId)
    expect(spawner.live).toBe(2)
    expect(spawner.handles).toHaveLength(3)

    expect(() => supervisor.setConcurrency(0)).toThrow('concurrency must be a positive integer, got 0')
    expect(() => supervisor.setConcurrency(1.5)).toThrow('concurrency must be a positive integer, got 1.5')
    await endAll(spawner, supervisor)
  })
})

describe('the setting trainingProcesses governs the services’ supervisor', () => {
  it('is read before the first run starts and followed when it changes', async () => {
    const spawner = new SilentSpawner()
    const configDir = join(dir, 'config')
    const host = {
      kind: 'web' as const,
      pickFolder: async () => null,
      browseStart: async () => dir,
      requestedFoldersAreChoices: true,
    }
    // a stored setting of 1, although the host's default would be 4
    await createServices({ host, configDir, logger: { warn: () => undefined } }).settings.update({
      trainingProcesses: 1,
      workspace: dir,
    })
    const services = createServices({
      host,
      configDir,
      logger: { warn: () => undefined },
      training: { spawner, concurrency: 4 },
    })
    await services.settings.update({ workspace: dir })
    const supervisor = services.training!
    await startThree(supervisor)
    expect(supervisor.concurrency).toBe(1)
    expect(spawner.live).toBe(1)

    await services.settings.update({ trainingProcesses: 2 })
    expect(supervisor.concurrency).toBe(2)
    expect(spawner.live).toBe(2)
    await services.settings.update({ trainingProcesses: 3 })
    expect(spawner.live).toBe(3)
    await endAll(spawner, supervisor)
  })
})
