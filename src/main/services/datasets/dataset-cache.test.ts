import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readNpz } from '../../../engine/io'
import { cacheFile, cacheKey, type CachedDataset, readCache, writeCache } from './dataset-cache'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cache-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const dataset = (x: Float32Array): CachedDataset => ({
  classes: ['a', 'b'],
  sampleShape: [1, 1, 2],
  train: { x, y: Int32Array.of(0, 1), count: 2 },
  test: { x: x.slice(0, 2), y: Int32Array.of(1), count: 1, files: ['b/1.png'] },
  problems: [{ split: 'train', kind: 'file', path: 'a/bad.png', reason: 'empty file (0 bytes)' }],
  notPillowExact: 0,
})

describe('dataset cache file', () => {
  it('keeps float32 samples that are not bytes over a divisor, and reads back what it wrote', async () => {
    const key = cacheKey({ any: 'parameters' })
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    const file = cacheFile(dir, key)
    const data = dataset(Float32Array.of(0.5, 0.25, Math.PI, 1))
    expect(await writeCache(file, key, 'print-1', data, 'unit')).toBe(true)
    expect(Object.keys(readNpz(await readFile(file))).sort()).toEqual([
      'meta',
      'test.x',
      'test.y',
      'train.x',
      'train.y',
    ])
    const read = await readCache(file, key, 'print-1')
    expect(read).toEqual({ status: 'hit', dataset: data })
  })

  it('says absent, stale (another fingerprint) or corrupt (another key) instead of loading', async () => {
    const key = cacheKey(['other'])
    const file = cacheFile(dir, key)
    expect(await readCache(file, key, 'x')).toEqual({ status: 'absent' })
    await writeCache(file, key, 'print-1', dataset(Float32Array.of(0, 1, 2, 3)), 'none')
    expect((await readCache(file, key, 'print-1')).status).toBe('hit')
    expect(await readCache(file, key, 'print-2')).toEqual({ status: 'stale' })
    expect(await readCache(file, cacheKey(['else']), 'print-1')).toEqual({ status: 'corrupt' })
  })
})
