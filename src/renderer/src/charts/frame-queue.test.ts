import { describe, expect, it } from 'vitest'
import { createFrameQueue } from './frame-queue'

/** A queue over a fake clock and fake animation frames; each job costs `cost` ms of the clock. */
function fakeQueue(budgetMs = 8) {
  let clock = 0
  const frames: (() => void)[] = []
  const queue = createFrameQueue({
    budgetMs,
    now: () => clock,
    requestFrame: (callback) => frames.push(callback),
  })
  const runFrame = () => frames.shift()?.()
  const job = (log: string[], name: string, cost: number) => () => {
    log.push(name)
    clock += cost
  }
  return { queue, frames, runFrame, job }
}

describe('createFrameQueue', () => {
  it('runs jobs in order, as many per frame as fit in the budget, at least one', () => {
    const { queue, frames, runFrame, job } = fakeQueue(8)
    const log: string[] = []
    // Four chart creations of 20 ms each: one per frame, not 80 ms in one task.
    for (const name of ['a', 'b', 'c', 'd']) queue.request(job(log, name, 20))
    expect(frames).toHaveLength(1) // one frame asked for, however many jobs
    runFrame()
    expect(log).toEqual(['a'])
    runFrame()
    runFrame()
    expect(log).toEqual(['a', 'b', 'c'])
    expect(queue.pending).toBe(1)
    runFrame()
    expect(log).toEqual(['a', 'b', 'c', 'd'])
    expect(frames).toHaveLength(0) // idle: no frame asked for

    // Five redraws of 3 ms: 3 fit in 8 ms (the third ends at 9 ms), the other 2 in the next frame.
    for (const name of ['1', '2', '3', '4', '5']) queue.request(job(log, name, 3))
    runFrame()
    expect(log.slice(4)).toEqual(['1', '2', '3'])
    runFrame()
    expect(log.slice(4)).toEqual(['1', '2', '3', '4', '5'])
  })

  it('drops a cancelled job and leaves a job requested while draining to the next frame', () => {
    const { queue, runFrame, job } = fakeQueue(100)
    const log: string[] = []
    const first = queue.request(job(log, 'cancelled', 1))
    queue.request(() => {
      log.push('outer')
      queue.request(job(log, 'inner', 1))
    })
    queue.cancel(first)
    runFrame()
    expect(log).toEqual(['outer'])
    runFrame()
    expect(log).toEqual(['outer', 'inner'])
    expect(queue.pending).toBe(0)
  })
})
