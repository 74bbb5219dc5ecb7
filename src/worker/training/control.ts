/**
 * Job control between training steps. The owner (the worker's message handler, the CLI's Ctrl-C, a
 * test) calls pause(), resume() or cancel(); the loop asks `cancelled` before each step and awaits
 * `whilePaused()`, which resolves at once unless paused. Cancelling also ends a pause. An AbortSignal
 * may be linked: aborting it cancels.
 */
export class TrainingControl {
  private pausedPromise: Promise<void> | undefined
  private release: (() => void) | undefined
  private cancelReason: string | undefined
  private pausedListener: ((step: number) => void) | undefined

  constructor(signal?: AbortSignal) {
    if (signal) this.link(signal)
  }

  get paused(): boolean {
    return this.pausedPromise !== undefined
  }

  get cancelled(): boolean {
    return this.cancelReason !== undefined
  }

  /** Why it was cancelled ("cancelled" unless given). */
  get reason(): string | undefined {
    return this.cancelReason
  }

  pause(): void {
    if (this.pausedPromise || this.cancelled) return
    this.pausedPromise = new Promise((resolve) => (this.release = resolve))
  }

  resume(): void {
    const release = this.release
    this.pausedPromise = undefined
    this.release = undefined
    release?.()
  }

  cancel(reason = 'cancelled'): void {
    this.cancelReason ??= reason
    this.resume()
  }

  /** Called with the exact step at which the loop has stopped for a pause (not when pause() is asked). */
  onPaused(listener: (step: number) => void): void {
    this.pausedListener = listener
  }

  /** The loop says it is now waiting between two steps: `step` steps are done. */
  reportPaused(step: number): void {
    this.pausedListener?.(step)
  }

  /** Resolves when not paused (at once if running). */
  whilePaused(): Promise<void> {
    return this.pausedPromise ?? Promise.resolve()
  }

  link(signal: AbortSignal): void {
    const onAbort = (): void =>
      this.cancel(signal.reason instanceof Error ? signal.reason.message : 'cancelled')
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  }
}

/**
 * Lets queued messages (pause, cancel) and timers run: a macrotask turn. setImmediate where the host
 * has it (Node), else setTimeout(0).
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)))
}
