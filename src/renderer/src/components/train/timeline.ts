import type { TrainingJobInfo, TrainingJobStatus, TrainingRunInfo } from '../../../../shared/training/events'
import { type ShownStatus, shownJobStatus, stageFraction } from './run-format'

/**
 * The timeline of a multi-stage or multi-job run, as rows of segments: a stacked autoencoder's job
 * runs its stages one after another (pre-training each layer, fine-tuning, the same network from
 * scratch); the homework's run has one row per colour channel (trained in parallel) and the
 * recombination. Each segment is done, active (with the fraction of its steps taken) or waiting.
 */
export type SegmentState = 'done' | 'active' | 'waiting' | 'stopped'

export interface TimelineSegment {
  /** The stage's name ("pretrain:hidden1"), or null when only its number is known. */
  stage: string | null
  /** 1-based, for "Stage 2" when the name is not known. */
  number: number
  state: SegmentState
  /** In [0, 1]. */
  fraction: number
}

export interface TimelineRow {
  job: TrainingJobInfo['job']
  /** The job's status; 'pausing' until its worker has stopped at a step. */
  status: ShownStatus
  segments: TimelineSegment[]
}

const stopped: readonly TrainingJobStatus[] = ['cancelled', 'failed']

function jobSegments(job: TrainingJobInfo, names: readonly string[]): TimelineSegment[] {
  const total = Math.max(job.stage?.total ?? 1, names.length, 1)
  const current = job.stage?.index ?? 0
  const fraction = stageFraction(job.progress)
  return Array.from({ length: total }, (_, i) => {
    const stage = names[i] ?? (i === current ? (job.stage?.name ?? null) : null)
    let state: SegmentState
    if (job.status === 'finished' || i < current) state = 'done'
    else if (i > current) state = 'waiting'
    else if (stopped.includes(job.status)) state = 'stopped'
    else if (job.status === 'running' || job.status === 'paused') state = 'active'
    else state = 'waiting'
    const segmentFraction = state === 'done' ? 1 : state === 'waiting' ? 0 : fraction
    return { stage, number: i + 1, state, fraction: segmentFraction }
  })
}

/** True when a timeline says more than the progress line: several jobs, or a job of several stages. */
export function hasTimeline(run: TrainingRunInfo, stageNames: Record<string, string[]> = {}): boolean {
  return (
    run.jobs.length > 1 ||
    run.jobs.some((job) => (job.stage?.total ?? 1) > 1 || (stageNames[job.job]?.length ?? 0) > 1)
  )
}

export function timelineRows(run: TrainingRunInfo, stageNames: Record<string, string[]> = {}): TimelineRow[] {
  return run.jobs.map((job) => ({
    job: job.job,
    status: shownJobStatus(job),
    segments: jobSegments(job, stageNames[job.job] ?? []),
  }))
}
