import type { MetricsLine, RunStatus, TaskKind } from '../experiment'
import type { EvaluationSummary, PreviewInfo, ProgressInfo } from './worker-messages'

/**
 * What the supervisor tells its subscribers (the renderer through IPC events, web mode's sockets,
 * the CLI): the runs it knows, and what their jobs report as they train. Plain JSON.
 *
 * A run trains as one job ('train'), or, for per-channel-autoencode, as one job per colour channel
 * ('R', 'G', 'B', in parallel) and then 'combine' (the three outputs put back together).
 */
export type TrainingJobName = 'train' | 'R' | 'G' | 'B' | 'combine'

/** A job's state: a run's, plus 'held' (waiting in a paused run, not queued). */
export type TrainingJobStatus = 'queued' | 'held' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed'

export interface TrainingJobInfo {
  job: TrainingJobName
  status: TrainingJobStatus
  /** Why it failed or was cancelled. */
  reason?: string
  /** The stage in progress ("train", "pretrain:hidden1", "channel:R"). */
  stage?: { name: string; index: number; total: number }
  /** The latest progress report. */
  progress?: ProgressInfo
  /** The dataset it trains on, once loaded, and the kernels it runs. */
  data?: {
    trainCount: number
    testCount: number
    classes: string[]
    skipped: number
    fromCache: boolean
    kernels: 'wasm-simd' | 'wasm-relaxed-simd' | 'js'
  }
  /** Images decoded so far while its data loads. */
  loading?: { done: number; total: number }
  /** The step at which the worker stopped, once it has taken a pause. */
  pausedAt?: number
  /** The worker's process id while it lives. */
  pid?: number
}

export interface TrainingRunInfo {
  runId: string
  name: string
  task: TaskKind
  /** ISO 8601 */
  created: string
  status: RunStatus
  reason?: string
  /** Epochs completed and optimizer steps (single-job runs; see jobs for channels). */
  epoch?: number
  step?: number
  /** The latest checkpoint's file name ("epoch-3.npz"), single-job runs. */
  checkpoint?: string
  /** A worker of this run is alive (running, or paused in memory). */
  active: boolean
  /** training.resume-run can continue it (from its checkpoints, or from the start if it has none). */
  resumable: boolean
  /** FIFO position among queued runs, from 1. */
  queuePosition?: number
  jobs: TrainingJobInfo[]
  lastMetrics?: MetricsLine
  evaluation?: EvaluationSummary
}

interface JobEvent {
  runId: string
  job: TrainingJobName
}

export type TrainingEvent =
  | ({ type: 'progress'; progress: ProgressInfo } & JobEvent)
  | ({ type: 'loading'; done: number; total: number } & JobEvent)
  | ({ type: 'stage'; stage: { name: string; index: number; total: number } } & JobEvent)
  | ({ type: 'epoch'; metrics: MetricsLine } & JobEvent)
  | ({ type: 'preview'; preview: PreviewInfo } & JobEvent)
  | ({ type: 'checkpoint'; name: string; path: string; epoch: number; step: number } & JobEvent)
  | { type: 'state'; run: TrainingRunInfo }

export type TrainingEventType = TrainingEvent['type']

/** The IPC event that carries a training event: 'training.progress', 'training.state', … */
export const trainingEventName = <T extends TrainingEventType>(type: T): `training.${T}` => `training.${type}`
