import { describe, expect, it } from 'vitest'
import { DecimatedSeries } from './decimated-series'

const xs = (series: DecimatedSeries) => series.points.map((p) => p.x)

describe('DecimatedSeries', () => {
  it('keeps every point up to the cap', () => {
    const series = new DecimatedSeries(8)
    for (let i = 0; i < 8; i++) series.push(i, i * i)
    expect(xs(series)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(series.points[3]).toEqual({ x: 3, y: 9 })
  })

  it('halves the density when the cap is passed, keeping the first and the newest point', () => {
    const series = new DecimatedSeries(8)
    for (let i = 0; i < 9; i++) series.push(i * 10, i)
    // Stride 2: arrivals 0, 2, 4, 6, 8 stay.
    expect(xs(series)).toEqual([0, 20, 40, 60, 80])
    series.push(90, 9) // off the stride: shown as the newest point …
    expect(xs(series)).toEqual([0, 20, 40, 60, 80, 90])
    series.push(100, 10) // … and replaced by the next one, which is on it
    expect(xs(series)).toEqual([0, 20, 40, 60, 80, 100])
  })

  it('stays between cap/2 and cap points with an even spacing, however many arrive', () => {
    const series = new DecimatedSeries(100)
    let most = 0
    for (let i = 0; i < 10_000; i++) {
      series.push(i, Math.sin(i))
      most = Math.max(most, series.length)
    }
    expect(most).toBe(100)
    expect(series.length).toBeGreaterThanOrEqual(50)
    expect(series.points[0]).toEqual({ x: 0, y: 0 })
    expect(series.last).toEqual({ x: 9999, y: Math.sin(9999) })
    // 10,000 arrivals into at most 100 points: stride 128 (2^7), so x = 0, 128, 256, … then the newest.
    const kept = xs(series)
    const gaps = new Set(kept.slice(1, -1).map((x, i) => x - kept[i]!))
    expect([...gaps]).toEqual([128])
    expect(kept.at(-2)).toBe(9984)
  })

  it('rewinds when a point goes back (a run resumed from an earlier checkpoint)', () => {
    const series = new DecimatedSeries(8)
    for (const x of [1, 2, 3, 4, 5]) series.push(x, x)
    series.push(3, 30)
    expect(series.points).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 30 },
    ])
  })

  it('ignores values that are not finite and refuses a tiny cap', () => {
    const series = new DecimatedSeries(4)
    series.push(1, Number.NaN)
    series.push(Number.POSITIVE_INFINITY, 1)
    expect(series.length).toBe(0)
    expect(() => new DecimatedSeries(3)).toThrow(/cap must be an integer ≥ 4, got 3/)
  })
})

describe('DecimatedSeries.revision', () => {
  it('changes with every push and clear, and is never one another series had', () => {
    const a = new DecimatedSeries(4)
    const b = new DecimatedSeries(4)
    expect(a.revision).not.toBe(b.revision)
    const seen = new Set([a.revision, b.revision])
    for (let i = 0; i < 10; i++) {
      a.push(i, i) // past the cap too: thinning is a change
      b.push(i, i)
      expect(seen.has(a.revision)).toBe(false)
      seen.add(a.revision)
      expect(seen.has(b.revision)).toBe(false)
      seen.add(b.revision)
    }
    const before = a.revision
    a.push(Number.NaN, 1) // ignored: no change
    expect(a.revision).toBe(before)
    a.clear()
    expect(a.revision).not.toBe(before)
  })
})
