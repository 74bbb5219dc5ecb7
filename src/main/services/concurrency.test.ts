import { describe, expect, it } from 'vitest'
import { mapLimit } from './concurrency'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('mapLimit', () => {
  it('keeps the input order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const result = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++
      peak = Math.max(peak, running)
      for (let i = 0; i < n; i++) await tick()
      running--
      return n * 10
    })
    expect(result).toEqual([50, 10, 40, 20, 30, 0, 60])
    expect(peak).toBe(3)
  })

  it('handles an empty list and rejects with the first failure', async () => {
    expect(await mapLimit([], 8, async () => 1)).toEqual([])
    await expect(
      mapLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two failed')
        return n
      }),
    ).rejects.toThrow('two failed')
  })

  it('refuses a limit that is not a positive integer', async () => {
    await expect(mapLimit([1], 0, async (n) => n)).rejects.toThrow('limit must be a positive integer, got 0')
  })
})
