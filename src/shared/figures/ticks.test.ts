import { describe, expect, it } from 'vitest'
import { formatTick, linearAxis, linearTicks, logTicks, niceStep } from './ticks'

describe('linear ticks on 1-2-5 steps', () => {
  it('chooses 1, 2 or 5 times a power of ten', () => {
    expect([niceStep(1, 5), niceStep(2.4, 5), niceStep(29, 6), niceStep(0.1, 5), niceStep(700, 5)]).toEqual([
      0.2, 0.5, 5, 0.02, 100,
    ])
  })

  it('covers the range with exact labels', () => {
    expect(linearTicks(0, 1).labels).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1.0'])
    const t = linearTicks(0.3, 2.7)
    expect(t.values).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3])
    expect([t.min, t.max]).toEqual([0, 3])
    expect(linearTicks(-0.05, 0.05).labels).toEqual(['-0.06', '-0.04', '-0.02', '0', '0.02', '0.04', '0.06'])
  })

  it('widens an empty range and keeps integer steps for epochs', () => {
    expect(linearTicks(5, 5).values).toEqual([4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6])
    expect(linearTicks(0, 0).values).toEqual([-1, -0.5, 0, 0.5, 1])
    expect(linearTicks(1, 3, 8, true).values).toEqual([1, 2, 3])
    expect(linearTicks(1, 3, 8, false).values).toEqual([1, 1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.4, 2.6, 2.8, 3])
  })

  it('pads the data like matplotlib and keeps only the ticks inside', () => {
    const a = linearAxis(0.86, 0.94, 4)
    expect(a.min).toBeCloseTo(0.8568, 12)
    expect(a.max).toBeCloseTo(0.9432, 12)
    expect(a.labels).toEqual(['0.86', '0.88', '0.90', '0.92', '0.94'])
    const exact = linearAxis(0, 10, 5, true, 0)
    expect([exact.min, exact.max, exact.values]).toEqual([0, 10, [0, 2, 4, 6, 8, 10]])
  })
})

describe('log ticks', () => {
  it('puts 1, 2, 5 per decade on short ranges and decades on long ones', () => {
    expect(logTicks(0.07, 2.4).labels).toEqual(['0.1', '0.2', '0.5', '1', '2'])
    expect(logTicks(1e-6, 10).labels).toEqual(['1e-6', '1e-5', '0.0001', '0.001', '0.01', '0.1', '1', '10'])
    expect(logTicks(0.3, 0.9).labels).toEqual(['0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9'])
  })

  it('widens to the surrounding decades when fewer than two ticks fall inside', () => {
    const t = logTicks(3, 3.5)
    expect(t.labels).toEqual(['1', '2', '5', '10'])
    expect([t.min, t.max]).toEqual([1, 10])
  })
})

describe('formatTick', () => {
  it('uses exponent form only for very large or small numbers', () => {
    expect([formatTick(1234567, 0), formatTick(0.00002, 5), formatTick(-0, 2), formatTick(0.5, 1)]).toEqual([
      '1.234567e6',
      '2e-5',
      '0',
      '0.5',
    ])
  })
})
