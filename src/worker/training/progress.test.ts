import { describe, expect, it } from 'vitest'
import { ProgressThrottle, SpeedMeter } from './progress'

describe('ProgressThrottle', () => {
  it('lets one report through per 100 ms of the clock, the first at once', () => {
    let t = 0
    const throttle = new ProgressThrottle(() => t)
    const due: number[] = []
    for (t = 0; t <= 1000; t += 30) if (throttle.due()) due.push(t)
    // readings every 30 ms: a report at 0, then at the first reading ≥ 100 ms after the last report
    expect(due).toEqual([0, 120, 240, 360, 480, 600, 720, 840, 960])
  })

  it('never exceeds 10 reports a second for a million readings in one second', () => {
    let t = 0
    const throttle = new ProgressThrottle(() => t)
    let count = 0
    for (let i = 0; i < 1_000_000; i++) {
      t = i / 1000 // ms: the whole loop spans one second
      if (throttle.due()) count++
    }
    expect(count).toBe(10)
  })
})

describe('SpeedMeter', () => {
  it('measures samples per second and the time left', () => {
    let t = 1000
    const speed = new SpeedMeter(() => t)
    expect(speed.eta(10)).toBeNull()
    for (let i = 0; i < 4; i++) speed.add(32)
    t = 1500
    expect(speed.samplesPerSecond()).toBe(256)
    expect(speed.eta(12)).toBe(1.5)
  })
})
