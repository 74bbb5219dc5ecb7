import { describe, expect, it } from 'vitest'
import { type LoadedRun, LoadedRuns } from './loaded-runs'

/** The two runs looked at last stay loaded; a network from a checkpoint and a failed load do not. */
function fakeRun(weightsFrom: string): LoadedRun {
  return { net: { weightsFrom } } as unknown as LoadedRun
}

describe('LoadedRuns', () => {
  it('keeps the 2 runs used last, drops the least recently used, and shares a load in progress', async () => {
    const loads: string[] = []
    const runs = new LoadedRuns(async (id, stage) => {
      loads.push(`${id}${stage ? `/${stage}` : ''}`)
      return fakeRun('weights.npz')
    })
    const a = runs.get('a')
    expect(runs.get('a')).toBe(a)
    await a
    await runs.get('b')
    await runs.get('a') // a is now the most recent
    await runs.get('c') // drops b
    await runs.get('a')
    await runs.get('b')
    await runs.get('a', 'scratch')
    expect(loads).toEqual(['a', 'b', 'c', 'b', 'a/scratch'])
  })

  it('loads again a network read from a checkpoint, and after a failure', async () => {
    let n = 0
    const runs = new LoadedRuns(async () => {
      n++
      if (n === 2) throw new Error('disk')
      return fakeRun(n === 1 ? 'checkpoints/epoch-1.npz' : 'weights.npz')
    })
    await runs.get('a')
    await expect(runs.get('a')).rejects.toThrow('disk')
    await runs.get('a')
    await runs.get('a')
    expect(n).toBe(3)
  })
})
