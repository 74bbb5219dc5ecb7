import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { noiseImage, writeTree } from '../../main/services/datasets/test-support/make-images'
import type { PreprocessOptions } from '../../main/services/imaging/preprocess'
import { DecodePool, DecodePoolError } from './decode-pool'
import { chunkSize, decodeFiles, preprocessImages, type Sample } from './decode-many'

const formats = ['png', 'jpeg', 'webp'] as const
const preprocess: PreprocessOptions = { colour: 'rgb', size: 8, scale: 'unit-sum', lectureExact: true }

let dir: string
let paths: string[]
let threads: DecodePool
let inline: DecodePool
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-pool-'))
  const files: Record<string, Uint8Array | string> = {}
  for (let i = 0; i < 60; i++) {
    const format = formats[i % 3]!
    files[`${i}.${format === 'jpeg' ? 'jpg' : format}`] = await noiseImage(
      format,
      5 + (i % 11),
      4 + (i % 7),
      i % 2 ? 3 : 1,
      i,
    )
  }
  files['60.png'] = 'broken'
  files['61.jpg'] = new Uint8Array()
  await writeTree(dir, files)
  paths = [...Array.from({ length: 60 }, (_, i) => join(dir, `${i}.${['png', 'jpg', 'webp'][i % 3]}`))]
  paths.push(join(dir, '60.png'), join(dir, '61.jpg'), join(dir, 'missing.png'))
  ;[threads, inline] = await Promise.all([DecodePool.start({ workers: 2 }), DecodePool.start({ workers: 0 })])
})
afterAll(async () => {
  await Promise.all([threads.close(), inline.close()])
  await rm(dir, { recursive: true, force: true })
})

const plain = (samples: Sample[]) =>
  samples.map((s) => (s.ok ? { shape: s.shape, exact: s.pillowExact, data: Array.from(s.data) } : s))

describe('decode pool', () => {
  it('gives on two threads exactly what the calling thread gives, in input order', async () => {
    expect([threads.threads, inline.threads]).toEqual([2, 0])
    const progress: [number, number][] = []
    const a = await decodeFiles(threads, paths, preprocess, { onProgress: (d, t) => progress.push([d, t]) })
    const b = await decodeFiles(inline, paths, preprocess)
    expect(plain(a)).toEqual(plain(b))
    expect(a).toHaveLength(63)
    expect(progress.at(-1)).toEqual([63, 63])
    // sample 1 is 1.jpg, 6×5 RGB resized to 8×8: (3, 8, 8) summing to 1
    const one = a[1]!
    expect(one.ok && one.shape).toEqual([3, 8, 8])
    expect(one.ok && one.data.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5)
  })

  it('reports unreadable files with their reason, never failing the run', async () => {
    const a = await decodeFiles(threads, paths, preprocess)
    expect(a.slice(60)).toEqual([
      {
        ok: false,
        reason: expect.stringMatching(/^not an image this program reads \(first bytes 62 72 6f 6b\)/),
      },
      { ok: false, reason: 'empty file (0 bytes)' },
      { ok: false, reason: 'cannot read: it does not exist' },
    ])
    expect(a.slice(0, 60).every((s) => s.ok)).toBe(true)
  })

  it('decode-only: the decoded shapes, no samples', async () => {
    const a = await decodeFiles(threads, paths.slice(0, 4), undefined)
    // grey PNG, RGB JPEG, grey-looking WebP (WebP has no grey mode: 3 channels), RGB PNG
    expect(a.map((s) => s.ok && [s.shape, s.data.length])).toEqual([
      [[1, 4, 5], 0],
      [[3, 5, 6], 0],
      [[3, 6, 7], 0],
      [[3, 7, 8], 0],
    ])
  })

  it('preprocesses in-memory planar images the same on threads and inline', async () => {
    const images = Uint8Array.from({ length: 300 * 2 * 3 * 3 }, (_, i) => (i * 37) % 251)
    const set = { images, channels: 2, height: 3, width: 3 }
    const o: PreprocessOptions = { colour: 'grey', size: 2, scale: 'none', lectureExact: true }
    const indices = Array.from({ length: 300 }, (_, i) => 299 - i)
    const a = await preprocessImages(threads, set, indices, o)
    const b = await preprocessImages(inline, set, indices, o)
    expect(plain(a)).toEqual(plain(b))
    expect(a[0]!.ok && a[0]!.shape).toEqual([1, 2, 2])
    expect(images.length).toBe(5400) // the caller's pixels are not transferred away
  })

  it('splits work into chunks of 8 to 256 items, about 8 per thread', () => {
    expect([chunkSize(10, 2), chunkSize(1000, 2), chunkSize(60_000, 2), chunkSize(100, 0)]).toEqual([
      8, 63, 256, 13,
    ])
  })

  it('stops on abort with the signal’s reason, and refuses runs after close', async () => {
    const pool = await DecodePool.start({ workers: 1 })
    const controller = new AbortController()
    const many = Array.from({ length: 20 }, () => paths).flat()
    const run = decodeFiles(pool, many, preprocess, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort(new Error('stop now'))
      },
    })
    await expect(run).rejects.toThrow('stop now')
    await expect(decodeFiles(pool, paths, preprocess)).rejects.toThrow(DecodePoolError)
    await pool.close()
    await expect(decodeFiles(inline, paths, preprocess, { signal: AbortSignal.abort() })).rejects.toThrow()
  })
})
