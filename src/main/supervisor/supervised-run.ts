import type { MetricsLine, ParsedExperiment, RunStatus, TaskKind } from '../../shared/experiment'
import type {
  EvaluationSummary,
  TrainingEvent,
  TrainingJob,
  TrainingJobInfo,
  TrainingJobName,
  TrainingJobStatus,
  TrainingRunInfo,
  WorkerMessage,
} from '../../shared/training'
import { assertNever } from '../../shared/training'
import { RESUMABLE_STATUSES, type RunFolder, type StateUpdate } from '../services/runs'
import type { PlannedJob } from './plan'
import type { WorkerLink } from './worker-link'
import { currentOwner } from './owner'

/** The statuses in which a run belongs to the process whose supervisor has it. */
const OWNED_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused']

/**
 * One run under supervision: its jobs (one, or a per-channel run's channels and 'combine'), what
 * they last reported, and the run's state as state.json and the subscribers see it. The supervisor
 * (supervisor.ts) moves jobs between the queue and workers; this records and describes.
 *
 * `intent` is what the user last asked of the run as a whole: 'run' (train to the end), 'cancel'
 * (checkpoint and stop), 'kill' (stop at once), 'shutdown' (checkpoint and stop because the app
 * closes: the run stays resumable as 'paused').
 */
export type RunIntent = 'run' | 'cancel' | 'kill' | 'shutdown'

export interface JobSlot {
  readonly name: TrainingJobName
  readonly job: TrainingJob
  resume: boolean
  status: TrainingJobStatus
  reason?: string
  link?: WorkerLink
  /** The worker process is alive (it counts against the concurrency limit). */
  live: boolean
  stage?: TrainingJobInfo['stage']
  progress?: TrainingJobInfo['progress']
  loading?: TrainingJobInfo['loading']
  data?: TrainingJobInfo['data']
  pausedAt?: number
}

export interface RunMeta {
  name: string
  task: TaskKind
  created: string
}

type JobMessage = Exclude<WorkerMessage, { type: 'ready' | 'done' | 'failed' }>

export class SupervisedRun {
  status: RunStatus = 'queued'
  reason: string | undefined
  intent: RunIntent = 'run'
  epoch: number | undefined
  step: number | undefined
  checkpoint: string | undefined
  lastMetrics: MetricsLine | undefined
  evaluation: EvaluationSummary | undefined
  readonly jobs: JobSlot[]
  /** Resolves when state.json holds the run's latest state (see Scheduler.write). */
  written: Promise<void> = Promise.resolve()
  /** A write is under way; another is due when it ends. */
  writing = false
  writeAgain = false

  constructor(
    readonly folder: RunFolder,
    readonly experiment: ParsedExperiment,
    readonly model: unknown,
    readonly meta: RunMeta,
    planned: readonly PlannedJob[],
  ) {
    this.jobs = planned.map((p) => ({
      name: p.name,
      job: p.job,
      resume: p.resume,
      status: p.finished ? 'finished' : 'held',
      live: false,
    }))
  }

  get runId(): string {
    return this.folder.id
  }

  /** A run of one job keeps its epoch, step and checkpoint in state.json. */
  get singleJob(): boolean {
    return this.jobs.length === 1
  }

  get liveJobs(): JobSlot[] {
    return this.jobs.filter((j) => j.live)
  }

  /** Queued, held, running or paused: the run is not over. */
  get active(): boolean {
    return this.jobs.some((j) => j.live || j.status === 'queued' || j.status === 'held')
  }

  job(name: TrainingJobName): JobSlot {
    const slot = this.jobs.find((j) => j.name === name)
    if (!slot) throw new Error(`run ${this.runId} has no job '${name}'`)
    return slot
  }

  /** Records a worker's report; returns the event for subscribers, if any. */
  record(slot: JobSlot, message: JobMessage): TrainingEvent | undefined {
    const base = { runId: this.runId, job: slot.name }
    switch (message.type) {
      case 'loading':
        slot.loading = { done: message.done, total: message.total }
        return { type: 'loading', ...base, done: message.done, total: message.total }
      case 'data':
        slot.loading = undefined
        slot.data = {
          trainCount: message.trainCount,
          testCount: message.testCount,
          classes: message.classes,
          skipped: message.skipped,
          fromCache: message.fromCache,
          kernels: message.kernels,
        }
        return undefined
      case 'stage': {
        const stage = { name: message.name, index: message.index, total: message.total }
        slot.stage = stage
        return { type: 'stage', ...base, stage }
      }
      case 'progress':
        slot.progress = message.progress
        return { type: 'progress', ...base, progress: message.progress }
      case 'epoch':
        if (this.singleJob) this.lastMetrics = message.metrics
        return { type: 'epoch', ...base, metrics: message.metrics }
      case 'preview':
        return { type: 'preview', ...base, preview: message.preview }
      case 'checkpoint':
        if (this.singleJob) {
          this.checkpoint = message.name
          this.epoch = message.epoch
          this.step = message.step
        }
        return {
          type: 'checkpoint',
          ...base,
          name: message.name,
          path: message.path,
          epoch: message.epoch,
          step: message.step,
        }
      case 'paused':
        slot.pausedAt = message.step
        return undefined
      case 'resumed':
        slot.pausedAt = undefined
        return undefined
      default:
        return assertNever(message, 'worker message')
    }
  }

  /** What state.json records. */
  stateUpdate(): StateUpdate {
    return {
      status: this.status,
      ...(this.reason !== undefined ? { reason: this.reason } : {}),
      ...(this.epoch !== undefined ? { epoch: this.epoch } : {}),
      ...(this.step !== undefined ? { step: this.step } : {}),
      ...(this.checkpoint !== undefined ? { checkpoint: this.checkpoint } : {}),
      // Queued, running or paused in memory: this process has the run (recovery.ts).
      ...(OWNED_STATUSES.includes(this.status) ? { owner: currentOwner() } : {}),
    }
  }

  info(queuePosition?: number): TrainingRunInfo {
    const settled = RESUMABLE_STATUSES.includes(this.status)
    return {
      runId: this.runId,
      name: this.meta.name,
      task: this.meta.task,
      created: this.meta.created,
      status: this.status,
      ...(this.reason !== undefined ? { reason: this.reason } : {}),
      ...(this.epoch !== undefined ? { epoch: this.epoch } : {}),
      ...(this.step !== undefined ? { step: this.step } : {}),
      ...(this.checkpoint !== undefined ? { checkpoint: this.checkpoint } : {}),
      active: this.liveJobs.length > 0,
      resumable: settled && this.liveJobs.length === 0,
      ...(queuePosition !== undefined ? { queuePosition } : {}),
      jobs: this.jobs.map((j) => ({
        job: j.name,
        status: j.status,
        ...(j.reason !== undefined ? { reason: j.reason } : {}),
        ...(j.stage ? { stage: j.stage } : {}),
        ...(j.progress ? { progress: j.progress } : {}),
        ...(j.data ? { data: j.data } : {}),
        ...(j.loading ? { loading: j.loading } : {}),
        ...(j.pausedAt !== undefined ? { pausedAt: j.pausedAt } : {}),
        ...(j.live && j.link?.pid !== undefined ? { pid: j.link.pid } : {}),
      })),
      ...(this.lastMetrics ? { lastMetrics: this.lastMetrics } : {}),
      ...(this.evaluation ? { evaluation: this.evaluation } : {}),
    }
  }
}
