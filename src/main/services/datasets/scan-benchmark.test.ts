import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchmarkScan } from './scan-benchmark'
import { noiseImage, writeTree } from './test-support/make-images'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-bench-'))
  const files: Record<string, Uint8Array | string> = { 'b/broken.jpg': 'not a JPEG' }
  for (let i = 0; i < 6; i++) files[`${i % 2 ? 'b' : 'a'}/${i}.jpg`] = await noiseImage('jpeg', 28, 28, 1, i)
  await writeTree(dir, files)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('benchmarkScan', () => {
  it('times decoding alone and decoding with preprocessing over every file of the class folders', async () => {
    const passes: string[] = []
    const result = await benchmarkScan(dir, {
      workers: 0,
      preprocess: { colour: 'grey', size: 14, scale: 'unit-sum', lectureExact: true },
      onProgress: (pass, done, total) => {
        if (done === total) passes.push(`${pass} ${total}`)
      },
    })
    expect([result.root, result.images, result.unreadable, result.threads]).toEqual([dir, 7, 1, 0])
    expect(passes).toEqual(['warm-up 7', 'decode 7', 'preprocess 7'])
    for (const pass of [result.decodeOnly, result.decodeAndPreprocess]) {
      expect(pass.images).toBe(7)
      expect(pass.imagesPerSecond).toBeCloseTo(7 / pass.seconds, 6)
    }
  })

  it('measures only the first files with a limit', async () => {
    const result = await benchmarkScan(dir, { workers: 0, limit: 3 })
    expect([result.images, result.unreadable]).toEqual([3, 0])
  })
})
