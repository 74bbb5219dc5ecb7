import { availableParallelism } from 'node:os'
import type { TrainingEvent, TrainingRunInfo, WorkerMessage } from '../../shared/training'
import {
  CANCELLED,
  CLOSED,
  inJob,
  KILLED,
  processEnd,
  stoppedWithJob,
} from '../../shared/training/run-reasons'
import { datasetCacheDir } from '../services/datasets/dataset-cache'
import type { RunFolder } from '../services/runs'
import type { WorkerSpawner } from './spawner'
import { type JobSlot, type RunIntent, type SupervisedRun } from './supervised-run'
import { type JobOutcome, WorkerLink } from './worker-link'
import { threadsPerWorker } from './threads-per-worker'

/**
 * The supervisor's machinery: the runs in memory, the FIFO queue of their jobs, at most
 * `concurrency` live workers (running or paused), and every change of a run written to its
 * state.json and told to the listeners. supervisor.ts checks requests and calls these.
 */
export interface SchedulerOptions {
  spawner: WorkerSpawner
  concurrency: number
  previewCount?: number
  kernels?: 'wasm' | 'js'
  cacheDatasets: boolean
  emit(event: TrainingEvent): void
  onError(error: unknown): void
}

export { CLOSED, KILLED }

export class Scheduler {
  readonly runs = new Map<string, SupervisedRun>()
  private readonly queue: { run: SupervisedRun; slot: JobSlot }[] = []
  private idleWaiters: (() => void)[] = []
  private closing = false

  constructor(private readonly options: SchedulerOptions) {}

  /** Takes a run in and queues what it can start. */
  async add(run: SupervisedRun): Promise<void> {
    this.runs.set(run.runId, run)
    this.enqueueReady(run)
    await this.persist(run)
    this.pump()
  }

  async pause(run: SupervisedRun): Promise<void> {
    if (run.status === 'paused') return
    for (const slot of run.jobs) {
      if (slot.status === 'running') {
        slot.link?.pause()
        slot.status = 'paused'
      } else if (slot.status === 'queued') {
        this.dequeue(slot)
        slot.status = 'held'
      }
    }
    run.status = 'paused'
    run.reason = undefined
    await this.persist(run)
  }

  async resume(run: SupervisedRun): Promise<void> {
    for (const slot of run.jobs) {
      if (slot.status !== 'paused') continue
      slot.link?.resume()
      slot.status = 'running'
    }
    this.enqueueReady(run)
    run.status = run.liveJobs.length > 0 ? 'running' : 'queued'
    await this.persist(run)
    this.pump()
  }

  /** cancel: each worker checkpoints and stops; kill: ends them at once. Waiting jobs are dropped. */
  async stop(run: SupervisedRun, intent: 'cancel' | 'kill'): Promise<void> {
    run.intent = intent
    this.stopJobs(run, intent, intent === 'kill' ? KILLED : CANCELLED)
    if (run.liveJobs.length === 0) this.conclude(run)
    else await this.persist(run)
  }

  /** Every worker checkpoints and stops (killed after `timeoutMs`); the runs become 'paused'. */
  async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true
    for (const { slot } of this.queue.splice(0)) slot.status = 'held'
    for (const run of this.runs.values()) {
      if (run.liveJobs.length === 0) continue
      run.intent = 'shutdown'
      for (const slot of run.liveJobs) slot.link?.cancel()
    }
    const idle = this.whenIdle()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    )
    const first = await Promise.race([idle, timeout])
    clearTimeout(timer)
    if (first === 'timeout') {
      for (const run of this.runs.values()) for (const slot of run.liveJobs) slot.link?.kill()
      await idle
    }
  }

  get isClosing(): boolean {
    return this.closing
  }

  get concurrency(): number {
    return this.options.concurrency
  }

  /** Changes how many workers may live at once; raised, queued jobs start now (lowered: none is stopped). */
  setConcurrency(concurrency: number): void {
    this.options.concurrency = concurrency
    this.pump()
  }

  describe(run: SupervisedRun): TrainingRunInfo {
    const i = this.queue.findIndex((q) => q.run === run)
    return run.info(i >= 0 ? i + 1 : undefined)
  }

  // ── jobs ───────────────────────────────────────────────────────────────────────────────────────

  /** Queues the run's held jobs; 'combine' only once every channel is finished. */
  private enqueueReady(run: SupervisedRun): void {
    const channelsDone = run.jobs.every((j) => j.name === 'combine' || j.status === 'finished')
    for (const slot of run.jobs) {
      if (slot.status !== 'held' || (slot.name === 'combine' && !channelsDone)) continue
      slot.status = 'queued'
      this.queue.push({ run, slot })
    }
    if (run.liveJobs.length === 0 && run.jobs.some((j) => j.status === 'queued')) run.status = 'queued'
  }

  private dequeue(slot: JobSlot): void {
    const i = this.queue.findIndex((q) => q.slot === slot)
    if (i >= 0) this.queue.splice(i, 1)
  }

  private liveCount(): number {
    let n = 0
    for (const run of this.runs.values()) n += run.liveJobs.length
    return n
  }

  private pump(): void {
    while (!this.closing && this.liveCount() < this.options.concurrency) {
      const next = this.queue.shift()
      if (!next) return
      this.launch(next.run, next.slot)
    }
  }

  private launch(run: SupervisedRun, slot: JobSlot): void {
    slot.status = 'running'
    slot.live = true
    slot.reason = undefined
    const { cacheDatasets, previewCount, kernels } = this.options
    try {
      const handle = this.options.spawner.spawn(`DL Lab training ${run.runId} ${slot.name}`)
      slot.link = new WorkerLink(
        handle,
        {
          runId: run.runId,
          runDir: run.folder.dir,
          experiment: run.experiment,
          ...(run.model !== undefined ? { model: run.model } : {}),
          job: slot.job,
          resume: slot.resume,
          ...(cacheDatasets ? { cacheDir: datasetCacheDir(workspaceOf(run.folder)) } : {}),
          ...(previewCount !== undefined ? { previewCount } : {}),
          ...(kernels !== undefined ? { kernels } : {}),
          ...threadsOption(threadsPerWorker(availableParallelism(), this.options.concurrency, process.env)),
        },
        {
          message: (message) => this.onMessage(run, slot, message),
          end: (outcome) => this.onEnd(run, slot, outcome),
        },
      )
    } catch (error) {
      const reason = processEnd({}, (error as Error).message)
      return this.onEnd(run, slot, { kind: 'failed', reason })
    }
    if (run.status === 'queued') {
      run.status = 'running'
      run.reason = undefined
    }
    void this.persist(run)
  }

  private onMessage(run: SupervisedRun, slot: JobSlot, message: WorkerMessage): void {
    if (message.type === 'ready' || message.type === 'done' || message.type === 'failed') return
    const event = run.record(slot, message)
    if (message.type === 'checkpoint' && run.singleJob) void this.write(run)
    if (event) this.options.emit(event)
    if (message.type === 'paused' || message.type === 'resumed') {
      this.options.emit({ type: 'state', run: this.describe(run) })
    }
  }

  private onEnd(run: SupervisedRun, slot: JobSlot, outcome: JobOutcome): void {
    slot.live = false
    slot.link = undefined
    if (outcome.kind === 'done') {
      const { done } = outcome
      slot.status = done.status
      if (done.status === 'cancelled') slot.reason = CANCELLED
      if (run.singleJob) {
        run.epoch = done.epoch
        run.step = done.step
        if (done.checkpoint) run.checkpoint = done.checkpoint
      }
      if (done.evaluation && (slot.name === 'train' || slot.name === 'combine'))
        run.evaluation = done.evaluation
    } else if (outcome.kind === 'failed') {
      slot.status = 'failed'
      slot.reason = outcome.reason
    } else {
      slot.status = 'cancelled'
      slot.reason = KILLED
    }
    this.conclude(run)
    this.pump()
    if (this.liveCount() === 0) for (const wake of this.idleWaiters.splice(0)) wake()
  }

  /** After a job ended: stop the others on failure, queue 'combine', or settle the run's status. */
  private conclude(run: SupervisedRun): void {
    const failed = run.jobs.find((j) => j.status === 'failed')
    if (failed && run.intent === 'run') {
      run.intent = 'cancel'
      this.stopJobs(run, 'cancel', stoppedWithJob(failed.name))
    }
    if (run.liveJobs.length > 0) return void this.persist(run)
    if (failed) {
      run.status = 'failed'
      run.reason =
        run.singleJob || failed.name === 'train' ? failed.reason : inJob(failed.name, failed.reason ?? '')
    } else if (run.intent === 'cancel' || run.intent === 'kill') {
      run.status = 'cancelled'
      run.reason = run.intent === 'kill' ? KILLED : CANCELLED
    } else if (run.intent === 'shutdown') {
      run.status = 'paused'
      run.reason = CLOSED
    } else if (run.jobs.every((j) => j.status === 'finished')) {
      run.status = 'finished'
      run.reason = undefined
    } else if (run.status !== 'paused') {
      this.enqueueReady(run)
    }
    void this.persist(run)
  }

  private stopJobs(run: SupervisedRun, how: Exclude<RunIntent, 'run' | 'shutdown'>, reason: string): void {
    for (const slot of run.jobs) {
      if (slot.status === 'queued' || slot.status === 'held') {
        this.dequeue(slot)
        slot.status = 'cancelled'
        slot.reason = reason
      } else if (slot.live && slot.link) {
        if (how === 'kill') slot.link.kill()
        else slot.link.cancel()
      }
    }
  }

  private whenIdle(): Promise<void> {
    if (this.liveCount() === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Tells the listeners, then writes state.json. */
  async persist(run: SupervisedRun): Promise<void> {
    this.options.emit({ type: 'state', run: this.describe(run) })
    await this.write(run)
  }

  /**
   * Writes state.json. Writes of one run are coalesced: while one is under way, later changes make
   * one more write when it ends (with the state as it is then), so a tiny model checkpointing
   * hundreds of times a second costs a few writes, and the last state always reaches the file.
   */
  private write(run: SupervisedRun): Promise<void> {
    if (run.writing) {
      run.writeAgain = true
      return run.written
    }
    run.writing = true
    run.written = (async () => {
      do {
        run.writeAgain = false
        try {
          await run.folder.writeState(run.stateUpdate())
        } catch (error) {
          this.options.onError(error)
        }
      } while (run.writeAgain)
      run.writing = false
    })()
    return run.written
  }
}

/** <workspace> of <workspace>/runs/<id>. */
function workspaceOf(folder: RunFolder): string {
  return folder.dir.replace(/[\\/]runs[\\/][^\\/]+[\\/]?$/, '')
}

const threadsOption = (threads: number | undefined): { threads?: number } =>
  threads === undefined ? {} : { threads }
