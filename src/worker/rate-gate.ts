/**
 * Lets a kind of message through at most once every `intervalMs` (100 ms: ≤ 10 a second), whatever
 * the trainer or the decoder report. The trainer already throttles its progress per stage; this
 * holds the protocol's promise across stages and jobs too.
 */
export class RateGate {
  private last = -Infinity

  constructor(
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** true when a message may go now (and then counts it as sent). */
  pass(): boolean {
    const t = this.now()
    if (t - this.last < this.intervalMs) return false
    this.last = t
    return true
  }
}
