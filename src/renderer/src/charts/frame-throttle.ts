/**
 * Runs `draw` at most once per `intervalMs` (default 100 ms: ≤ 10 redraws a second), in an animation
 * frame, however often `schedule` is called: progress from several runs arrives many times a second
 * and a chart redraw should cost one frame, not one per event. The first call draws in the next frame;
 * calls while a draw is due are folded into it.
 */
export interface FrameThrottle {
  schedule(): void
  /** Drops a draw that is due (the chart is going away). */
  cancel(): void
}

export interface FrameThrottleOptions {
  intervalMs?: number
  now?: () => number
  requestFrame?: (callback: () => void) => number
  cancelFrame?: (handle: number) => void
}

export function createFrameThrottle(draw: () => void, options: FrameThrottleOptions = {}): FrameThrottle {
  const intervalMs = options.intervalMs ?? 100
  const now = options.now ?? (() => performance.now())
  const requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(() => callback()))
  const cancelFrame = options.cancelFrame ?? ((handle) => cancelAnimationFrame(handle))
  let last = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | undefined
  let frame: number | undefined

  function inFrame(): void {
    frame = undefined
    last = now()
    draw()
  }

  return {
    schedule() {
      if (timer !== undefined || frame !== undefined) return
      const wait = last + intervalMs - now()
      if (wait <= 0) frame = requestFrame(inFrame)
      else
        timer = setTimeout(() => {
          timer = undefined
          frame = requestFrame(inFrame)
        }, wait)
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer)
      if (frame !== undefined) cancelFrame(frame)
      timer = undefined
      frame = undefined
    },
  }
}
