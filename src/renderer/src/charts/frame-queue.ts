/**
 * One queue of chart work (creations and redraws) shared by every chart on screen, drained in
 * animation frames with a time budget: a frame runs the oldest job, then more while less than
 * `budgetMs` has passed since the frame began. Five charts told of the same progress event then redraw
 * over one or a few frames instead of all in one task, and four charts mounted together are created
 * one per frame (each creation measures the layout, so doing them in one task repeats the layout).
 *
 * `request`/`cancel` have the shape of requestAnimationFrame/cancelAnimationFrame, so a FrameThrottle
 * can use the queue as its frame source.
 */
export interface FrameQueue {
  request(job: () => void): number
  cancel(handle: number): void
  /** Jobs waiting (for tests). */
  readonly pending: number
}

export interface FrameQueueOptions {
  /** Work per frame before the rest waits for the next one (default 8 ms: half a 60 Hz frame). */
  budgetMs?: number
  now?: () => number
  requestFrame?: (callback: () => void) => void
}

export function createFrameQueue(options: FrameQueueOptions = {}): FrameQueue {
  const budgetMs = options.budgetMs ?? 8
  const now = options.now ?? (() => performance.now())
  const requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(() => callback()))
  const jobs = new Map<number, () => void>()
  let nextHandle = 1
  let frameDue = false

  function drain(): void {
    frameDue = false
    const start = now()
    // Jobs requested while draining wait for the next frame.
    const last = nextHandle
    for (const [handle, job] of jobs) {
      if (handle >= last) break
      jobs.delete(handle)
      job()
      if (now() - start >= budgetMs) break
    }
    if (jobs.size > 0) ask()
  }

  function ask(): void {
    if (frameDue) return
    frameDue = true
    requestFrame(drain)
  }

  return {
    request(job) {
      const handle = nextHandle++
      jobs.set(handle, job)
      ask()
      return handle
    },
    cancel(handle) {
      jobs.delete(handle)
    },
    get pending() {
      return jobs.size
    },
  }
}

/** The renderer's one queue (charts on every view share the frame budget). */
let shared: FrameQueue | null = null
export function chartFrameQueue(): FrameQueue {
  return (shared ??= createFrameQueue())
}
