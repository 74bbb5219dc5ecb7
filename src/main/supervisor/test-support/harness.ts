import { mkdtemp, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TrainingEvent, TrainingRunInfo } from '../../../shared/training'
import { nodeWorkerSpawner } from '../node-spawner'
import type { WorkerHandle, WorkerSpawner } from '../spawner'
import { Supervisor, type SupervisorOptions } from '../supervisor'

/**
 * A throwaway workspace, a supervisor over real Node child processes running src/worker/entry.ts
 * through tsx, and every event it sends, for the supervisor's tests.
 */
export class Harness {
  readonly events: TrainingEvent[] = []
  /** performance.now() at each event's arrival. */
  readonly times: number[] = []
  readonly handles: WorkerHandle[] = []
  readonly errors: unknown[] = []
  supervisor!: Supervisor
  private readonly waiters = new Set<(event: TrainingEvent) => void>()

  private constructor(readonly dir: string) {}

  static async create(options: Partial<SupervisorOptions> = {}): Promise<Harness> {
    const harness = new Harness(await realpath(await mkdtemp(join(tmpdir(), 'dllab-supervisor-'))))
    harness.supervisor = harness.newSupervisor(options)
    return harness
  }

  get workspace(): string {
    return join(this.dir, 'workspace')
  }

  /** A supervisor on the same workspace (a restarted app). */
  newSupervisor(options: Partial<SupervisorOptions> = {}): Supervisor {
    const spawner = options.spawner ?? nodeWorkerSpawner()
    const recording: WorkerSpawner = {
      spawn: (label) => {
        const handle = spawner.spawn(label)
        this.handles.push(handle)
        return handle
      },
    }
    const supervisor = new Supervisor({
      workspace: () => this.workspace,
      concurrency: 2,
      onError: (error) => this.errors.push(error),
      ...options,
      spawner: recording,
    })
    supervisor.subscribe((event) => {
      this.events.push(event)
      this.times.push(performance.now())
      for (const waiter of [...this.waiters]) waiter(event)
    })
    return supervisor
  }

  of<T extends TrainingEvent['type']>(type: T, runId?: string): Extract<TrainingEvent, { type: T }>[] {
    return this.events.filter(
      (e): e is Extract<TrainingEvent, { type: T }> =>
        e.type === type && (runId === undefined || (e.type === 'state' ? e.run.runId : e.runId) === runId),
    )
  }

  states(runId: string): TrainingRunInfo[] {
    return this.of('state', runId).map((e) => e.run)
  }

  /** Resolves with the first event (already sent or to come) that matches. */
  waitFor<T extends TrainingEvent>(
    match: (event: TrainingEvent) => event is T,
    timeoutMs?: number,
  ): Promise<T>
  waitFor(match: (event: TrainingEvent) => boolean, timeoutMs?: number): Promise<TrainingEvent>
  waitFor(match: (event: TrainingEvent) => boolean, timeoutMs = 45_000): Promise<TrainingEvent> {
    const seen = this.events.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const waiter = (event: TrainingEvent) => {
        if (!match(event)) return
        clearTimeout(timer)
        this.waiters.delete(waiter)
        resolve(event)
      }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        reject(new Error(`no matching training event within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiters.add(waiter)
    })
  }

  async dispose(): Promise<void> {
    for (const handle of this.handles) handle.kill()
    await rm(this.dir, { recursive: true, force: true })
  }
}

/** Waits until `check` is true, polling. */
export async function until(check: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
