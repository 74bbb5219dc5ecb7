/**
 * Progress reporting at most every `intervalMs` (default 100 ms, so ≤ 10 reports a second however
 * fast the steps are): the first step reports, then a step reports only when at least intervalMs have
 * passed since the last report. Speed is measured over this session (a resumed run starts afresh).
 */
export const PROGRESS_INTERVAL_MS = 100

export class ProgressThrottle {
  private last = -Infinity

  constructor(
    private readonly now: () => number,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** true when a report is due now (and then counts it as made). */
  due(): boolean {
    const t = this.now()
    if (t - this.last < this.intervalMs) return false
    this.last = t
    return true
  }
}

/** Samples per second and the time left, from the steps done since `start`. */
export class SpeedMeter {
  private readonly start: number
  private samples = 0
  private steps = 0

  constructor(private readonly now: () => number) {
    this.start = now()
  }

  add(samples: number): void {
    this.samples += samples
    this.steps += 1
  }

  samplesPerSecond(): number {
    const seconds = (this.now() - this.start) / 1000
    return seconds > 0 ? this.samples / seconds : 0
  }

  /** Seconds for `stepsLeft` more steps at the speed so far; null before the first step. */
  eta(stepsLeft: number): number | null {
    if (this.steps === 0) return null
    const seconds = (this.now() - this.start) / 1000
    return (seconds / this.steps) * stepsLeft
  }
}

/** The default clock: performance.now where present, else Date.now. */
export function defaultClock(): () => number {
  const perf = (globalThis as { performance?: { now(): number } }).performance
  return perf ? () => perf.now() : () => Date.now()
}
