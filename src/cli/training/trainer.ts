import type { ParsedExperiment } from '../../shared/experiment'
import type { TrainingEvent, TrainingRunInfo } from '../../shared/training'

/**
 * What `dllab train` and `dllab resume` need from whatever trains: start or continue a run, stop it
 * (cancel: checkpoint, then stop; kill: at once), hear its events, wait for it to end. The CLI trains
 * through the supervisor (supervisor-trainer.ts: one worker process per job, as the desktop app and
 * web mode do); anything else that keeps this interface can stand in for it in one file.
 */
export interface CliTrainer {
  start(experiment: ParsedExperiment, options: { name?: string }): Promise<TrainingRunInfo>
  resume(runId: string): Promise<TrainingRunInfo>
  cancel(runId: string): Promise<void>
  kill(runId: string): Promise<void>
  subscribe(listener: (event: TrainingEvent) => void): () => void
  /** Resolves when the run no longer trains (finished, cancelled, failed). */
  settled(runId: string): Promise<TrainingRunInfo>
  /** Stops every worker (with a checkpoint) and releases them. */
  close(): Promise<void>
}
