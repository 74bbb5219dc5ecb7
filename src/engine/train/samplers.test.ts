import { describe, expect, it } from 'vitest'
import { EngineError, SpecError } from '../errors'
import { Rng } from '../init/rng'
import { RandomWithReplacementSampler } from './random-sampler'
import type { Sampler, SamplerState } from './sampler'
import { ShuffleSampler } from './shuffle-sampler'

/** The next `batches` batches as plain arrays. */
function take(sampler: Sampler, batches: number): number[][] {
  return Array.from({ length: batches }, () => Array.from(sampler.next()))
}

const makers: [string, (seed: number) => Sampler][] = [
  ['shuffle', (seed) => new ShuffleSampler({ size: 23, batchSize: 5, seed })],
  [
    'random with replacement',
    (seed) => new RandomWithReplacementSampler({ size: 23, batchSize: 5, draws: 17, seed }),
  ],
]

describe.each(makers)('%s sampler: determinism and resume', (_name, make) => {
  it('gives identical sequences for the same seed and different ones for another seed', () => {
    const a = take(make(2024), 30)
    expect(take(make(2024), 30)).toEqual(a)
    expect(take(make(2025), 30)).not.toEqual(a)
  })

  it('restores a mid-epoch state (through JSON) and continues identically', () => {
    const original = make(9)
    take(original, 7) // inside the 2nd epoch for both samplers (5 and 4 batches per epoch)
    const saved = JSON.parse(JSON.stringify(original.getState())) as SamplerState
    expect(saved.position).toBeGreaterThan(0)
    const expected = take(original, 12)
    const resumed = make(12345) // another seed: setState replaces it
    resumed.setState(saved)
    expect({ epoch: resumed.epoch, position: resumed.position }).toEqual({
      epoch: saved.epoch,
      position: saved.position,
    })
    expect(take(resumed, 12)).toEqual(expected)
    expect(resumed.getState()).toEqual(original.getState())
  })

  it('restores at an epoch boundary too', () => {
    const original = make(4)
    const e = original.epoch
    while (original.epoch === e) original.next()
    const saved = original.getState()
    expect(saved.position).toBe(0)
    const expected = take(original, 6)
    const resumed = make(4)
    resumed.setState(saved)
    expect(take(resumed, 6)).toEqual(expected)
  })

  it('refuses a state from another configuration', () => {
    const s = make(1)
    const good = s.getState()
    expect(() => s.setState({ ...good, position: s.samplesPerEpoch })).toThrow(EngineError)
    expect(() => s.setState({ ...good, epoch: -1 })).toThrow(/epoch ≥ 0/)
    expect(() => s.setState({ ...good, rngState: [0, 0, 0, 0] })).toThrow(/not all 0/)
    expect(() => s.setState({ ...good, rngState: [1, 2, 3] as never })).toThrow(/four uint32 words/)
  })
})

describe('ShuffleSampler', () => {
  it('serves every sample once per epoch in batches of B, the last one partial', () => {
    const s = new ShuffleSampler({ size: 23, batchSize: 5, seed: 3 })
    expect(s.batchesPerEpoch).toBe(5)
    for (let epoch = 0; epoch < 3; epoch++) {
      expect(s.epoch).toBe(epoch)
      const batches: number[][] = []
      while (s.epoch === epoch) batches.push(Array.from(s.next()))
      expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 3])
      expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i))
    }
  })

  it('draws each epoch as a Fisher–Yates shuffle of the identity with its seeded Rng', () => {
    const rng = new Rng(77)
    const s = new ShuffleSampler({ size: 10, batchSize: 10, seed: 77 })
    for (let epoch = 0; epoch < 3; epoch++) {
      const expected = Int32Array.from({ length: 10 }, (_, i) => i)
      rng.shuffle(expected)
      expect(Array.from(s.next())).toEqual(Array.from(expected))
    }
  })

  it('is uniform: each sample comes first in about 1/n of 20 000 epochs', () => {
    const n = 5
    const epochs = 20000
    const s = new ShuffleSampler({ size: n, batchSize: n, seed: 11 })
    const first = new Array<number>(n).fill(0)
    for (let e = 0; e < epochs; e++) first[s.next()[0]!]!++
    // binomial(20 000, 1/5): mean 4000, σ = √(20 000 · 0.2 · 0.8) ≈ 56.6; allow 5σ
    for (const count of first) expect(Math.abs(count - epochs / n)).toBeLessThan(5 * 56.6)
  })

  it('with B ≥ n serves the whole epoch as one batch', () => {
    const s = new ShuffleSampler({ size: 4, batchSize: 32, seed: 1 })
    expect(s.batchesPerEpoch).toBe(1)
    expect(s.next().length).toBe(4)
    expect(s.epoch).toBe(1)
  })
})

describe('RandomWithReplacementSampler', () => {
  it('draws `draws` indices per epoch, in batches of B, the last one partial', () => {
    const s = new RandomWithReplacementSampler({ size: 10, batchSize: 4, draws: 10, seed: 5 })
    expect(s.batchesPerEpoch).toBe(3)
    const batches = [s.next(), s.next(), s.next()].map((b) => Array.from(b))
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2])
    expect(s.epoch).toBe(1)
    expect(batches.flat().every((i) => Number.isInteger(i) && i >= 0 && i < 10)).toBe(true)
  })

  it('defaults to n draws per epoch with batch 1 (the lecture)', () => {
    const s = new RandomWithReplacementSampler({ size: 7, batchSize: 1, seed: 5 })
    expect(s.samplesPerEpoch).toBe(7)
    expect(s.batchesPerEpoch).toBe(7)
  })

  it('draws uniformly with replacement: 100 000 draws over 10 samples', () => {
    const s = new RandomWithReplacementSampler({ size: 10, batchSize: 1000, draws: 100000, seed: 8 })
    const counts = new Array<number>(10).fill(0)
    let repeatsInFirstTen = 0
    for (let b = 0; b < s.batchesPerEpoch; b++) {
      const batch = s.next()
      if (b === 0) repeatsInFirstTen = 10 - new Set(Array.from(batch.subarray(0, 10))).size
      for (const i of batch) counts[i]!++
    }
    // binomial(100 000, 0.1): σ ≈ 94.9; allow 5σ
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(5 * 94.9)
    // with replacement, 10 draws of 10 repeat something with probability 1 − 10!/10¹⁰ ≈ 0.9996
    expect(repeatsInFirstTen).toBeGreaterThan(0)
  })
})

describe('sampler options', () => {
  it('rejects sizes, batch sizes and seeds that are not integers in range', () => {
    expect(() => new ShuffleSampler({ size: 0, batchSize: 1, seed: 0 })).toThrow(SpecError)
    expect(() => new ShuffleSampler({ size: 10, batchSize: 2.5, seed: 0 })).toThrow(
      /batchSize must be an integer/,
    )
    expect(() => new RandomWithReplacementSampler({ size: 10, batchSize: 1, draws: 0, seed: 0 })).toThrow(
      /draws/,
    )
    expect(() => new RandomWithReplacementSampler({ size: 10, batchSize: 1, seed: -1 })).toThrow(/seed/)
  })
})
