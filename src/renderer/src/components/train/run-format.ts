import type { ProgressInfo } from '../../../../shared/training/worker-messages'
import type { TrainingJobInfo, TrainingJobStatus, TrainingRunInfo } from '../../../../shared/training/events'

/**
 * Numbers of a run as the dashboard writes them: times left, throughput, accuracies, and what a run
 * achieved (its test accuracy, or an autoencoder's reconstruction error).
 */

/** 75 → "1:15", 3725 → "1:02:05"; null (not known yet) → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  const total = Math.max(0, Math.round(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** 0.98561 → "98.56 %"; null → "—". */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : `${(value * 100).toFixed(digits)} %`
}

/** A loss to four significant digits (0.0123456 → "0.01235"). */
export function formatLoss(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : String(Number(value.toPrecision(4)))
}

/** Throughput rounded to what a reader compares: 2345.6 → "2,346", 12.34 → "12.3". */
export function formatRate(value: number | null | undefined, locale = 'en'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const digits = value >= 100 ? 0 : 1
  return value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** What a run achieved so far: the evaluation's accuracy, else its last epoch's test (or training) accuracy, else a loss. */
export type RunResult = { kind: 'accuracy'; value: number } | { kind: 'loss'; value: number }

export function runResult(run: TrainingRunInfo): RunResult | null {
  const evaluation = run.evaluation
  if (evaluation?.accuracy !== undefined) return { kind: 'accuracy', value: evaluation.accuracy }
  const metrics = run.lastMetrics
  const accuracy = metrics?.testAccuracy ?? metrics?.trainAccuracy
  if (accuracy !== null && accuracy !== undefined) return { kind: 'accuracy', value: accuracy }
  const loss = evaluation?.meanSse ?? evaluation?.mse ?? metrics?.testLoss ?? metrics?.trainLoss
  return loss !== null && loss !== undefined ? { kind: 'loss', value: loss } : null
}

/** The fraction of a stage done: steps taken over the stage's steps, in [0, 1]. */
export function stageFraction(progress: ProgressInfo | undefined): number {
  if (!progress || progress.totalSteps <= 0) return 0
  return Math.min(1, Math.max(0, progress.step / progress.totalSteps))
}

/** The job whose progress a run's summary shows: the first running one, else the first with progress. */
export function leadJob(run: TrainingRunInfo): TrainingJobInfo | undefined {
  return (
    run.jobs.find((job) => job.status === 'running' && job.progress) ?? run.jobs.find((job) => job.progress)
  )
}

/** A stage's name split for translation: "pretrain:hidden1" → { key: 'pretrain', name: 'hidden1' }. */
export function stageParts(stage: string): {
  key: 'train' | 'pretrain' | 'finetune' | 'scratch' | 'channel' | null
  name: string
} {
  const [head, ...rest] = stage.split(':')
  const name = rest.join(':')
  if (head === 'pretrain' || head === 'channel') return { key: head, name }
  if (head === 'train' || head === 'finetune' || head === 'scratch') return { key: head, name: '' }
  return { key: null, name: stage }
}

/**
 * A job asked to pause whose worker has not stopped yet: the supervisor marks it paused at the request
 * and sets pausedAt when the worker reports the step it stopped at. A worker in its final evaluation
 * never stops at a step, and its run ends finished; until then the job shows as pausing, not paused.
 */
export const pausePending = (job: TrainingJobInfo) =>
  job.status === 'paused' && job.pid !== undefined && job.pausedAt === undefined

/** A status as the dashboard shows it: the service's, or 'pausing' until a pause is acknowledged. */
export type ShownStatus = TrainingRunInfo['status'] | TrainingJobStatus | 'pausing'

export const shownRunStatus = (run: TrainingRunInfo): ShownStatus =>
  run.status === 'paused' && run.jobs.some(pausePending) ? 'pausing' : run.status

export const shownJobStatus = (job: TrainingJobInfo): ShownStatus =>
  pausePending(job) ? 'pausing' : job.status

/** True while the run's workers are busy or waiting: its charts change and pause/cancel apply. */
export const isTraining = (run: TrainingRunInfo) =>
  run.status === 'running' || run.status === 'paused' || run.status === 'queued'
