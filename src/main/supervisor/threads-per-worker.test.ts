import { describe, expect, it } from 'vitest'
import { threadsPerWorker } from './threads-per-worker'

describe('threadsPerWorker', () => {
  it('gives one process all the cores and shares them among several', () => {
    expect(threadsPerWorker(2, 1, {})).toBe(2)
    expect(threadsPerWorker(8, 3, {})).toBe(2)
    expect(threadsPerWorker(2, 3, {})).toBe(1)
  })

  it('leaves the count to DLLAB_THREADS when the user set it', () => {
    expect(threadsPerWorker(8, 1, { DLLAB_THREADS: '3' })).toBeUndefined()
  })
})
