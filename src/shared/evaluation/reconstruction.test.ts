import { describe, expect, it } from 'vitest'
import { reconstructionError } from './index'

describe('reconstructionError', () => {
  it('gives the SSE per sample Σ(y − x)², its mean, total and MSE', () => {
    const target = [0, 1, 1, 1, 0.5, 0]
    const output = [0, 0, 1, 1, 0, 0.5]
    const r = reconstructionError({ target, output, samples: 3 })
    expect(r.features).toBe(2)
    expect(r.perSample).toEqual([1, 0, 0.5])
    expect(r.totalSse).toBe(1.5)
    expect(r.meanSse).toBe(0.5)
    expect(r.mse).toBe(0.25)
    expect([r.minSse, r.maxSse]).toEqual([0, 1])
    expect(r.worst).toEqual([
      { index: 0, sse: 1 },
      { index: 2, sse: 0.5 },
      { index: 1, sse: 0 },
    ])
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
  })

  it('matches the lecture error += (out − teach)(out − teach)ᵀ on float32 data', () => {
    const target = new Float32Array([0.25, 0.5, 0.125, 0])
    const output = new Float32Array([0.5, 0.25, 0.125, 0.5])
    const r = reconstructionError({ target, output, samples: 1, worstLimit: 0 })
    expect(r.perSample).toEqual([0.0625 + 0.0625 + 0 + 0.25])
    expect(r.worst).toEqual([])
  })

  it('counts a NaN reconstruction as the worst and rejects mismatched shapes', () => {
    const r = reconstructionError({ target: [0, 0, 0, 0], output: [1, 1, Number.NaN, 0], samples: 2 })
    expect(r.worst[0].index).toBe(1)
    expect(() => reconstructionError({ target: [0, 0, 0], output: [0, 0], samples: 1 })).toThrow(
      'the target has 3 values but the output 2',
    )
    expect(() => reconstructionError({ target: [0, 0, 0], output: [0, 0, 0], samples: 2 })).toThrow(
      'do not split into 2 samples',
    )
  })

  it('handles an empty set', () => {
    const r = reconstructionError({ target: [], output: [], samples: 0 })
    expect([r.totalSse, r.meanSse, r.mse, r.perSample.length]).toEqual([0, 0, 0, 0])
  })
})
