/**
 * The error class of src/shared/evaluation. Messages name the function, what was expected, what was
 * received and, where it can, the fix (STYLE.md). Throw this, never strings.
 */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}
