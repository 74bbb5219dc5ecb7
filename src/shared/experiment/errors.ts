/**
 * Errors about experiments and presets. Messages name the experiment field (its path), what it must
 * be and what was received, and how to fix it (STYLE.md); `issues` lists every problem found.
 */
export interface ExperimentIssue {
  /** Readable path into the spec: "training.optimizer.lr", "data.source.kind", "model.layers[2]". */
  path: string
  /** The full sentence, e.g. "experiment training.optimizer.lr must be a number > 0, got -1". */
  message: string
}

export class ExperimentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

/** An experiment spec is invalid: the message is the first issue; `issues` holds them all. */
export class ExperimentSpecError extends ExperimentError {
  readonly issues: readonly ExperimentIssue[]
  constructor(issues: readonly ExperimentIssue[]) {
    const first = issues[0]?.message ?? 'experiment: invalid'
    const more = issues.length - 1
    super(first + (more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''))
    this.issues = issues
  }
}

/** A preset (or preset model) is missing, unknown or invalid. */
export class PresetError extends ExperimentError {}
