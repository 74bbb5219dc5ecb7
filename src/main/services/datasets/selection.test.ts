import { describe, expect, it } from 'vitest'
import type { Sample } from '../../../worker/decode/decode-many'
import { holdoutSplit, pickFirstGood } from './selection'

describe('holdoutSplit', () => {
  it('holds out round(f·n), at least 1 and at most n − 1, none of a single image; keeps order', () => {
    const perClass = [[], [7], [1, 2], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]]
    const { train, test } = holdoutSplit(perClass, 0.2, 42)
    expect(test.map((t) => t.length)).toEqual([0, 0, 1, 2])
    expect(train.map((t) => t.length)).toEqual([0, 1, 1, 8])
    for (const [c, items] of perClass.entries()) {
      expect([...train[c]!, ...test[c]!].sort((a, b) => a - b)).toEqual(items)
      expect(test[c]).toEqual([...test[c]!].sort((a, b) => a - b))
    }
    expect(holdoutSplit(perClass, 0.99, 1).test.map((t) => t.length)).toEqual([0, 0, 1, 9])
  })

  it('depends on the seed and the class alone, not on the other classes', () => {
    const a = holdoutSplit(
      [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [20, 21, 22, 23, 24],
      ],
      0.3,
      5,
    )
    const b = holdoutSplit(
      [
        [0, 1, 2],
        [20, 21, 22, 23, 24],
      ],
      0.3,
      5,
    )
    expect(b.test[1]).toEqual(a.test[1])
    expect(holdoutSplit([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]], 0.3, 5).test).toEqual([a.test[0]])
  })
})

describe('pickFirstGood', () => {
  const good = (v: number): Sample => ({
    ok: true,
    data: Float32Array.of(v),
    shape: [1, 1, 1],
    pillowExact: true,
  })
  const decodeWith = (bad: Set<number>, batches: number[][]) => async (items: number[]) => {
    batches.push(items)
    return items.map((i) => (bad.has(i) ? { ok: false as const, reason: `bad ${i}` } : good(i)))
  }

  it('fills each class up to the limit with the next candidates, in rounds, reading nothing more', async () => {
    const batches: number[][] = []
    const picked = await pickFirstGood(
      [[0, 1, 2, 3, 4], [5, 6, 7], [8]],
      2,
      decodeWith(new Set([1, 2, 6, 8]), batches),
    )
    expect(picked.perClass.map((c) => c.map((p) => p.item))).toEqual([[0, 3], [5, 7], []])
    expect(picked.failed.map((f) => f.item)).toEqual([1, 6, 8, 2]) // in the order they were tried
    expect(picked.failed[0]).toEqual({ item: 1, reason: 'bad 1' })
    expect(batches).toEqual([[0, 1, 5, 6, 8], [2, 7], [3]])
    expect(picked.decoded).toBe(8)
  })

  it('decodes everything in one round without a limit', async () => {
    const batches: number[][] = []
    const picked = await pickFirstGood([[0, 1], [2]], undefined, decodeWith(new Set([1]), batches))
    expect(batches).toEqual([[0, 1, 2]])
    expect(picked.perClass.map((c) => c.map((p) => p.item))).toEqual([[0], [2]])
  })
})
