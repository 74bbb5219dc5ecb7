import type { ParsedModelSpec } from '../../../engine'
import type { ParsedExperiment } from '../../../shared/experiment'

/**
 * What computing a run's results needs from its host (the CLI, the desktop app, web mode): the model
 * of an experiment that names a preset, the workspace (its dataset cache), where relative data paths
 * of experiment.json start, and where to report loading progress.
 */
export interface ResultsContext {
  /** The experiment's model spec: inline, or the preset model it names. */
  modelOf(experiment: ParsedExperiment): Promise<ParsedModelSpec>
  /** The workspace: decoded datasets are cached in <workspace>/cache/datasets. */
  readonly workspace: string
  /** Relative data paths of experiment.json are resolved against this folder (the CLI's working folder). */
  readonly baseDir?: string
  /** Loading images: called as they decode, and once when done. */
  readonly progress?: { update(done: number, total: number): void; done(): void }
}
