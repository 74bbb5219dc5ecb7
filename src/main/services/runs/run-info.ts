import type { RunStatus } from '../../../shared/experiment'
import type { TrainingRunInfo } from '../../../shared/training'
import type { RunSummary } from './run-store'

/** The states a run can be resumed from (its last checkpoint, if any). */
export const RESUMABLE_STATUSES: readonly RunStatus[] = ['paused', 'cancelled', 'failed']

/**
 * A run no worker touches, as its folder describes it: the supervisor's answer for runs it is not
 * training, and the Results view's for hosts without a supervisor.
 */
export function idleRunInfo(s: RunSummary): TrainingRunInfo {
  return {
    runId: s.id,
    name: s.name,
    task: s.task,
    created: s.created,
    status: s.status,
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
    ...(s.latestCheckpoint !== undefined ? { checkpoint: s.latestCheckpoint } : {}),
    active: false,
    resumable: RESUMABLE_STATUSES.includes(s.status),
    jobs: [],
    ...(s.lastMetrics ? { lastMetrics: s.lastMetrics } : {}),
  }
}
