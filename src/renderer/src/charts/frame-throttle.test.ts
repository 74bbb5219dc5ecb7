import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFrameThrottle } from './frame-throttle'

describe('createFrameThrottle', () => {
  let frames: Map<number, () => void>
  let nextFrame = 1
  const requestFrame = (callback: () => void) => {
    frames.set(nextFrame, callback)
    return nextFrame++
  }
  const cancelFrame = (handle: number) => frames.delete(handle)
  const runFrames = () => {
    const due = [...frames.values()]
    frames.clear()
    for (const frame of due) frame()
  }

  beforeEach(() => {
    frames = new Map()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('draws once per frame however many times it is scheduled, at most once per 100 ms', () => {
    let draws = 0
    const throttle = createFrameThrottle(() => draws++, { requestFrame, now: () => Date.now() })
    for (let i = 0; i < 50; i++) throttle.schedule()
    expect(frames.size).toBe(1)
    runFrames()
    expect(draws).toBe(1)

    // 1 s of events every 5 ms: 10 draws at most.
    for (let t = 0; t < 1000; t += 5) {
      throttle.schedule()
      vi.advanceTimersByTime(5)
      runFrames()
    }
    expect(draws).toBeGreaterThanOrEqual(10)
    expect(draws).toBeLessThanOrEqual(11)
  })

  it('waits out the interval after a draw, then draws what was scheduled meanwhile', () => {
    let draws = 0
    const throttle = createFrameThrottle(() => draws++, {
      requestFrame,
      now: () => Date.now(),
      intervalMs: 100,
    })
    throttle.schedule()
    runFrames()
    vi.advanceTimersByTime(30)
    throttle.schedule()
    expect(frames.size).toBe(0)
    vi.advanceTimersByTime(69)
    expect(frames.size).toBe(0)
    vi.advanceTimersByTime(1)
    runFrames()
    expect(draws).toBe(2)
  })

  it('drops a due draw when cancelled, in its frame or in its wait', () => {
    let draws = 0
    const throttle = createFrameThrottle(() => draws++, { requestFrame, cancelFrame, now: () => Date.now() })
    throttle.schedule()
    throttle.cancel()
    runFrames()
    expect(draws).toBe(0)
    throttle.schedule()
    runFrames()
    expect(draws).toBe(1)
    throttle.schedule() // waits 100 ms
    throttle.cancel()
    vi.advanceTimersByTime(200)
    runFrames()
    expect(draws).toBe(1)
  })
})
