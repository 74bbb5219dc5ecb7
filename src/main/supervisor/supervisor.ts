import { availableParallelism } from 'node:os'
import { parseExperiment, type ParsedExperiment } from '../../shared/experiment'
import type { TrainingEvent, TrainingRunInfo } from '../../shared/training'
import {
  idleRunInfo,
  RESUMABLE_STATUSES,
  type RunFolder,
  RunNotFoundError,
  RunStore,
  type RunSummary,
} from '../services/runs'
import { notRequeued } from '../../shared/training/run-reasons'
import { RunStateError, SupervisorError, UnknownRunError } from './errors'
import { checkDataPathsAbsolute, planJobs } from './plan'
import { recoverWorkspace } from './recovery'
import { Scheduler } from './scheduler'
import type { WorkerSpawner } from './spawner'
import { SupervisedRun } from './supervised-run'

/**
 * The training supervisor: the main process (or web mode's server, or the CLI) never trains; it
 * starts one worker process per job through the injected spawner, at most `concurrency` at once
 * (default: the number of cores; live workers count, paused ones too), later jobs waiting in FIFO
 * order. A per-channel-autoencode run's channels are separate jobs, trained in parallel.
 *
 * Every run's state lives in its folder (state.json: queued, running, paused, finished, cancelled,
 * failed + reason), so it survives a restart: on first use of a workspace, runs left 'running' by an
 * earlier life become 'paused' (resumable from their checkpoints) or 'failed' (interrupted before
 * the first one), and runs left 'queued' are queued again (recovery.ts).
 *
 * A worker that dies (exception, out of memory, signal) fails its run with the reason ("killed by
 * SIGKILL"); its last checkpoint stays and resumeRun continues from it; the other runs carry on.
 * shutdown() makes every worker checkpoint and stop, leaving the runs 'paused'.
 */
export interface SupervisorOptions {
  spawner: WorkerSpawner
  /** The workspace (runs/, cache/), asked on every request so a changed setting is followed. */
  workspace: () => string | Promise<string>
  /** Workers at once (default os.availableParallelism()). */
  concurrency?: number
  /** The model spec of an experiment that names a preset model. */
  resolveModel?: (experiment: ParsedExperiment) => Promise<unknown>
  /** Samples per preview (default: the trainer's, 8; 0: none). */
  previewCount?: number
  /** The workers' kernels: WebAssembly SIMD when it loads (default), or the JS reference kernels. */
  kernels?: 'wasm' | 'js'
  /** Cache decoded datasets in <workspace>/cache/datasets (default true). */
  cacheDatasets?: boolean
  /** How long shutdown() lets workers checkpoint before ending them (default 60 s). */
  shutdownTimeoutMs?: number
  /** Problems no caller hears of (a state.json that cannot be written, a run that cannot be recovered). */
  onError?: (error: unknown) => void
}

export type TrainingListener = (event: TrainingEvent) => void

export class Supervisor {
  private readonly scheduler: Scheduler
  private readonly listeners = new Set<TrainingListener>()
  private readonly stores = new Map<string, { store: RunStore; ready: Promise<string[]> }>()

  constructor(private readonly options: SupervisorOptions) {
    this.scheduler = new Scheduler({
      spawner: options.spawner,
      concurrency: checkConcurrency(options.concurrency ?? availableParallelism()),
      cacheDatasets: options.cacheDatasets ?? true,
      ...(options.previewCount !== undefined ? { previewCount: options.previewCount } : {}),
      ...(options.kernels !== undefined ? { kernels: options.kernels } : {}),
      emit: (event) => this.emit(event),
      onError: (error) => this.options.onError?.(error),
    })
  }

  /** Workers at once (live ones: running or paused). */
  get concurrency(): number {
    return this.scheduler.concurrency
  }

  /**
   * Changes the number of workers at once while running (the setting "training processes"): raised,
   * queued jobs start at once; lowered, live workers go on and later jobs wait until fewer are live.
   */
  setConcurrency(concurrency: number): void {
    this.scheduler.setConcurrency(checkConcurrency(concurrency))
  }

  /** Every training event; returns the function that unsubscribes. */
  subscribe(listener: TrainingListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Recovers the current workspace's runs now (otherwise on its first use). */
  async open(): Promise<void> {
    await this.store()
  }

  /** Creates a run of the experiment and queues its jobs. */
  async start(experiment: unknown, options: { name?: string } = {}): Promise<TrainingRunInfo> {
    this.checkOpen()
    const parsed = parseExperiment(experiment)
    checkDataPathsAbsolute(parsed)
    const model = await this.modelFor(parsed)
    const folder = await (await this.store()).create(experiment, options)
    return this.launch(folder, parsed, model)
  }

  /** Continues a paused, cancelled or failed run from its checkpoints (from the start if it has none). */
  async resumeRun(runId: string): Promise<TrainingRunInfo> {
    this.checkOpen()
    const current = this.scheduler.runs.get(runId)
    if (current?.active) {
      if (current.status === 'paused') return this.resume(runId)
      throw new RunStateError(`run ${runId} is ${current.status}; it is already training`, {
        code: 'run-already-training',
        params: { runId },
      })
    }
    const folder = await this.openRun(runId)
    const status = (await folder.readState())?.status ?? 'queued'
    if (status === 'finished') {
      throw new RunStateError(`run ${runId} is finished; start a new run to train again`, {
        code: 'run-finished',
        params: { runId },
      })
    }
    if (status === 'running') {
      throw new RunStateError(`run ${runId} is running in another DL Lab process; stop it there first`, {
        code: 'run-in-other-process',
        params: { runId },
      })
    }
    const experiment = await folder.readExperiment()
    checkDataPathsAbsolute(experiment)
    return this.launch(folder, experiment, await this.modelFor(experiment))
  }

  /** Stops every job of the run between two steps; their workers wait (and keep their slots). */
  async pause(runId: string): Promise<TrainingRunInfo> {
    const run = this.activeRun(runId, 'pause')
    await this.scheduler.pause(run)
    return this.scheduler.describe(run)
  }

  /** Goes on after pause(); a paused run without workers (after a restart) continues from its checkpoints. */
  async resume(runId: string): Promise<TrainingRunInfo> {
    const run = this.scheduler.runs.get(runId)
    if (!run?.active) return this.resumeRun(runId)
    if (run.status === 'paused' && run.intent === 'run') await this.scheduler.resume(run)
    return this.scheduler.describe(run)
  }

  /** Each worker writes a checkpoint of its exact position and stops; the run can be resumed. */
  async cancel(runId: string): Promise<TrainingRunInfo> {
    const run = this.activeRun(runId, 'cancel')
    await this.scheduler.stop(run, 'cancel')
    return this.scheduler.describe(run)
  }

  /** Ends the run's workers at once, without a checkpoint (the earlier checkpoints stay). */
  async kill(runId: string): Promise<TrainingRunInfo> {
    const run = this.activeRun(runId, 'kill')
    await this.scheduler.stop(run, 'kill')
    return this.scheduler.describe(run)
  }

  async get(runId: string): Promise<TrainingRunInfo> {
    const run = this.scheduler.runs.get(runId)
    if (run) return this.scheduler.describe(run)
    return idleRunInfo(await this.summary(runId))
  }

  /** Every run of the workspace, newest first, with what its live jobs last reported. */
  async list(): Promise<TrainingRunInfo[]> {
    const summaries = await (await this.store()).list()
    return summaries.map((s) => {
      const run = this.scheduler.runs.get(s.id)
      return run ? this.scheduler.describe(run) : idleRunInfo(s)
    })
  }

  /** Resolves when the run no longer trains: finished, cancelled, failed, or paused without workers. */
  async settled(runId: string): Promise<TrainingRunInfo> {
    for (;;) {
      const run = this.scheduler.runs.get(runId)
      if (!run) return this.get(runId)
      if (
        (RESUMABLE_STATUSES.includes(run.status) || run.status === 'finished') &&
        run.liveJobs.length === 0
      ) {
        await run.written
        return this.get(runId)
      }
      await new Promise<void>((resolve) => {
        const off = this.subscribe((e) => {
          if (e.type !== 'state' || e.run.runId !== runId) return
          off()
          resolve()
        })
      })
    }
  }

  /** Checkpoint-and-stop for every worker (their runs stay resumable as 'paused'); no new work after. */
  async shutdown(): Promise<void> {
    await this.scheduler.shutdown(this.options.shutdownTimeoutMs ?? 60_000)
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────

  private async launch(
    folder: RunFolder,
    experiment: ParsedExperiment,
    model: unknown,
  ): Promise<TrainingRunInfo> {
    const info = await folder.readInfo()
    const state = await folder.readState()
    const meta = { name: info.name, task: info.task, created: info.created }
    const run = new SupervisedRun(folder, experiment, model, meta, await planJobs(folder, experiment))
    run.epoch = state?.epoch
    run.step = state?.step
    run.checkpoint = state?.checkpoint
    await this.scheduler.add(run)
    return this.scheduler.describe(run)
  }

  /** The workspace's run store; recovers the workspace on first use and queues its queued runs again. */
  private async store(): Promise<RunStore> {
    const workspace = await this.options.workspace()
    let entry = this.stores.get(workspace)
    if (!entry) {
      const store = new RunStore(workspace)
      const ready = recoverWorkspace(store, this.scheduler.runs, (e) => this.options.onError?.(e))
      entry = { store, ready }
      this.stores.set(workspace, entry)
      void ready.then((queued) => this.requeue(queued))
    }
    await entry.ready
    return entry.store
  }

  private async requeue(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.resumeRun(id)
      } catch (error) {
        this.options.onError?.(error)
        try {
          const folder = await this.openRun(id)
          await folder.writeState({
            status: 'failed',
            reason: notRequeued((error as Error).message),
          })
        } catch (inner) {
          this.options.onError?.(inner)
        }
      }
    }
  }

  private async openRun(runId: string): Promise<RunFolder> {
    try {
      return await (await this.store()).open(runId)
    } catch (error) {
      if (error instanceof RunNotFoundError) {
        throw new UnknownRunError(error.message, { cause: error, code: 'run-not-found', params: { runId } })
      }
      throw error
    }
  }

  private async summary(runId: string): Promise<RunSummary> {
    await this.openRun(runId)
    return (await this.store()).get(runId)
  }

  private activeRun(runId: string, action: string) {
    const run = this.scheduler.runs.get(runId)
    if (!run?.active) {
      const status = run?.status ?? 'not training in this DL Lab'
      throw new RunStateError(`cannot ${action} run ${runId}: it is not training (${status})`, {
        code: 'run-not-training',
        params: { runId, action },
      })
    }
    if (run.intent !== 'run') throw new RunStateError(`cannot ${action} run ${runId}: it is stopping`)
    return run
  }

  private async modelFor(experiment: ParsedExperiment): Promise<unknown> {
    if (typeof experiment.model !== 'string') return undefined
    if (!this.options.resolveModel) {
      throw new SupervisorError(
        `experiment '${experiment.name}' names the preset model '${experiment.model}', but no preset ` +
          `catalogue is available here; put the model spec in the experiment`,
      )
    }
    return this.options.resolveModel(experiment)
  }

  private checkOpen(): void {
    if (this.scheduler.isClosing) throw new SupervisorError('DL Lab is closing; no training starts now')
  }

  private emit(event: TrainingEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.options.onError?.(error)
      }
    }
  }
}

function checkConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SupervisorError(`concurrency must be a positive integer, got ${concurrency}`)
  }
  return concurrency
}
