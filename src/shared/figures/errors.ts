/**
 * The error class of the figure builders. Messages name the figure, what was expected and what
 * was received (STYLE.md). Throw this, never strings.
 */
export class FigureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}
