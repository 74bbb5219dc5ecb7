import type { OutputStream } from '../io'

/**
 * One line of progress on stderr. On a terminal it is redrawn in place (carriage return, erase to the
 * end of the line) at most 10 times a second and cut to the terminal's width; elsewhere (a log file,
 * CI, a pipe) each update is a plain line, at most one every `plainIntervalMs` (the first one after
 * that long), so logs stay short.
 * `log()` prints a permanent line above it.
 */
export interface StatusLineOptions {
  /** Milliseconds between plain lines when not on a terminal (default 2000). */
  plainIntervalMs?: number
  now?: () => number
}

const ERASE = '\x1b[K'

export class StatusLine {
  private current = ''
  private shownAt = -Infinity
  private readonly plainInterval: number
  private readonly now: () => number

  constructor(
    private readonly stream: OutputStream,
    options: StatusLineOptions = {},
  ) {
    this.plainInterval = options.plainIntervalMs ?? 2000
    this.now = options.now ?? (() => performance.now())
    // in a log, work that ends within the first interval leaves no progress line at all
    if (!stream.isTTY) this.shownAt = this.now()
  }

  get isTTY(): boolean {
    return this.stream.isTTY
  }

  /** Shows `text` (throttled unless `force`). */
  update(text: string, force = false): void {
    const t = this.now()
    const interval = this.stream.isTTY ? 100 : this.plainInterval
    this.current = text
    if (!force && t - this.shownAt < interval) return
    this.shownAt = t
    if (this.stream.isTTY) this.stream.write(`\r${this.fit(text)}${ERASE}`)
    else this.stream.write(`${text}\n`)
  }

  /** A permanent line; the status line is drawn again under it on a terminal. */
  log(text: string): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r${ERASE}${text}\n`)
      if (this.current) this.stream.write(this.fit(this.current))
    } else {
      this.stream.write(`${text}\n`)
    }
  }

  /** Removes the status line (terminal) so that what follows starts on a clean line. */
  done(): void {
    if (this.stream.isTTY && this.current) this.stream.write(`\r${ERASE}`)
    this.current = ''
  }

  private fit(text: string): string {
    const width = this.stream.columns
    return width && text.length >= width ? `${text.slice(0, width - 2)}…` : text
  }
}
