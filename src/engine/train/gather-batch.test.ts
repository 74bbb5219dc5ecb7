import { describe, expect, it } from 'vitest'
import { ShapeError } from '../errors'
import { BatchBuffer, gatherBatch } from './gather-batch'

// 4 samples of 3 values: sample k holds 10k, 10k + 1, 10k + 2
const src = Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3))

describe('gatherBatch', () => {
  it('copies the indexed rows, in order, repeats allowed', () => {
    const dst = new Float32Array(12).fill(-1)
    gatherBatch(dst, src, [3, 0, 3], 3)
    expect(Array.from(dst)).toEqual([30, 31, 32, 0, 1, 2, 30, 31, 32, -1, -1, -1])
  })

  it('rejects out-of-range indices and a too small buffer', () => {
    expect(() => gatherBatch(new Float32Array(6), src, [1, 4], 3)).toThrow(/index 4 at position 1/)
    expect(() => gatherBatch(new Float32Array(5), src, [1, 2], 3)).toThrow(ShapeError)
    expect(() => gatherBatch(new Float32Array(6), src, [1], 5)).toThrow(/not a whole number/)
  })
})

describe('BatchBuffer', () => {
  it('returns (b, …sampleShape) views of one reused buffer, partial batches included', () => {
    const buffer = new BatchBuffer(2, [1, 3])
    const full = buffer.gather(src, Int32Array.of(2, 1))
    expect(full.shape).toEqual([2, 1, 3])
    expect(Array.from(full.data)).toEqual([20, 21, 22, 10, 11, 12])
    const partial = buffer.gather(src, [0])
    expect(partial.shape).toEqual([1, 1, 3])
    expect(Array.from(partial.data)).toEqual([0, 1, 2])
    expect(partial.data.buffer).toBe(full.data.buffer)
    expect(() => buffer.gather(src, [0, 1, 2])).toThrow(/expected 1 … 2/)
  })
})
