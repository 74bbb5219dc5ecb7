import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeBlobIdx } from '../../supervisor/test-support/blob-data'
import { LECTURE, type PreprocessOptions } from '../imaging/preprocess'
import { inspectDataset } from './inspect'
import { describePreprocess } from './inspect-images'
import { loadDataset } from './load-dataset'
import { noiseImage, writeTree } from './test-support/make-images'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A data: URL's PNG, checked, and its pixels. */
async function decodePng(url: string) {
  const png = Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64')
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  const { channels } = await sharp(png).metadata()
  // sharp decodes to sRGB unless told to keep one grey channel
  const image = channels === 1 ? sharp(png).toColourspace('b-w') : sharp(png)
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true })
  expect(info.channels).toBe(channels)
  return { data, width: info.width, height: info.height, channels }
}

/** Sample i of a loaded split: (C, Y, X) values. */
const sampleOf = (x: Float32Array, size: number, i: number) => x.subarray(i * size, (i + 1) * size)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-inspect-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('inspectDataset: built-in MNIST', () => {
  it('counts the classes of both splits and previews the lecture preprocessing exactly as loadDataset gives it', async () => {
    const preprocess: PreprocessOptions = LECTURE.mnist
    const started = performance.now()
    const seen = await inspectDataset({ kind: 'mnist' }, preprocess, { previewCount: 12 })
    const ms = performance.now() - started
    console.log(`inspectDataset(mnist, lecture 14×14 unit-sum, 12 samples): ${ms.toFixed(0)} ms`)
    expect(ms).toBeLessThan(5000)

    expect(seen.title).toBe('MNIST (built in)')
    expect([seen.trainCount, seen.testCount]).toEqual([60000, 10000])
    expect(seen.classes.map((c) => c.imageCount)).toEqual([
      5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949,
    ])
    expect(seen.problems).toEqual([])
    for (const c of seen.classes) {
      expect(c.thumbnails).toHaveLength(4)
      const thumb = await decodePng(c.thumbnails[0]!)
      expect([thumb.width, thumb.height, thumb.channels]).toEqual([48, 48, 1])
    }

    const { preview } = seen
    expect(preview.shape).toEqual([1, 14, 14])
    expect(preview.description).toBe(describePreprocess(preprocess, [1, 14, 14]))
    expect(preview.description).toBe(
      'grey, resized to 14×14, scaled to unit sum (x / Σx), Pillow-exact (lecture)',
    )
    // class after class: 0 … 9, then the second image of classes 0 and 1
    expect(preview.samples.map((s) => s.className)).toEqual([...'0123456789', '0', '1'])

    const loaded = await loadDataset({ kind: 'mnist' }, preprocess, {
      perClassLimit: 2,
      testPerClassLimit: 1,
      workers: 0,
    })
    const size = 14 * 14
    for (const [k, s] of preview.samples.entries()) {
      // loaded.train is in class order, two per class: class c's j-th image is sample 2c + j
      const c = Number(s.className)
      const values = sampleOf(loaded.train.x, size, 2 * c + (k < 10 ? 0 : 1))
      const max = Math.max(...values)
      expect(s.max).toBe(max)
      expect(s.min).toBe(Math.min(...values))
      expect(s.mean).toBeCloseTo(1 / size, 9) // unit sum: the mean of 196 values summing to 1
      const png = await decodePng(s.input)
      expect([png.width, png.height, png.channels]).toEqual([14, 14, 1])
      expect([...png.data]).toEqual(Array.from(values, (v) => Math.round((255 * v) / max)))
    }
    expect(preview.samples[0]!.index).toBe(1) // the first 0 in MNIST's training file is record 1
  })
})

describe('inspectDataset: IDX files', () => {
  it('counts per class and split, and scales [0, 1] previews to 0 … 255', async () => {
    const files = await writeBlobIdx(join(dir, 'idx'), 5)
    const seen = await inspectDataset(
      { kind: 'idx', ...files },
      { colour: 'grey', scale: 'unit', lectureExact: false },
      { previewCount: 3, thumbnails: 2 },
    )
    expect(seen.title).toBe('train-images.idx, train-labels.idx, test-images.idx, test-labels.idx')
    expect([seen.trainCount, seen.testCount]).toEqual([10, 16])
    expect(seen.classes.map((c) => [c.name, c.imageCount, c.thumbnails.length])).toEqual([
      ['0', 5, 2],
      ['1', 5, 2],
    ])
    expect(seen.preview.shape).toEqual([1, 8, 8])
    expect(seen.preview.description).toBe('grey, 8×8 (own size), scaled to [0, 1] (x / 255)')
    expect(seen.preview.samples.map((s) => [s.className, s.index])).toEqual([
      ['0', 0],
      ['1', 1],
      ['0', 2],
    ])
    const loaded = await loadDataset(
      { kind: 'idx', ...files },
      { colour: 'grey', scale: 'unit', lectureExact: false },
    )
    const first = sampleOf(loaded.train.x, 64, 0)
    const png = await decodePng(seen.preview.samples[0]!.input)
    expect([...png.data]).toEqual(Array.from(first, (v) => Math.round(255 * v)))
    expect(seen.preview.samples[0]!.mean).toBeCloseTo(first.reduce((a, b) => a + b, 0) / 64, 6)
  })
})

describe('inspectDataset: class folders', () => {
  it('lists readable images per class, the files that cannot be read, and previews RGB at the chosen size', async () => {
    const root = join(dir, 'folders')
    await writeTree(root, {
      'train/cat/1.png': await noiseImage('png', 20, 16, 3, 1),
      'train/cat/2.jpg': await noiseImage('jpeg', 20, 16, 3, 2),
      'train/cat/broken.png': 'not an image',
      'train/dog/1.png': await noiseImage('png', 20, 16, 3, 3),
      'test/cat/1.png': await noiseImage('png', 20, 16, 3, 4),
      'test/dog/empty.png': '',
    })
    const preprocess: PreprocessOptions = { colour: 'rgb', size: 10, scale: 'unit', lectureExact: true }
    const seen = await inspectDataset(
      { kind: 'folder', train: join(root, 'train'), test: join(root, 'test') },
      preprocess,
      { previewCount: 4 },
    )
    expect([seen.trainCount, seen.testCount]).toEqual([3, 1])
    expect(seen.classes.map((c) => [c.name, c.imageCount, c.thumbnails.length])).toEqual([
      ['cat', 2, 2],
      ['dog', 1, 1],
    ])
    expect(seen.problems.map((p) => p.path)).toEqual(['cat/broken.png', '[test] dog/empty.png'])
    expect(seen.preview.shape).toEqual([3, 10, 10])
    // cat 1.png, dog 1.png, then cat's second readable image; dog has no second
    expect(seen.preview.samples.map((s) => s.className)).toEqual(['cat', 'dog', 'cat'])
    const loaded = await loadDataset({ kind: 'folder', train: join(root, 'train') }, preprocess, {
      workers: 0,
    })
    expect(loaded.train.files).toEqual(['cat/1.png', 'cat/2.jpg', 'dog/1.png'])
    const size = 3 * 10 * 10
    const order = [0, 2, 1] // cat/1, dog/1, cat/2 in the loaded split
    for (const [k, s] of seen.preview.samples.entries()) {
      const values = sampleOf(loaded.train.x, size, order[k]!)
      const png = await decodePng(s.input)
      expect([png.width, png.height, png.channels]).toEqual([10, 10, 3])
      // PNG is interleaved RGB; the tensor is planar (C, Y, X)
      const planar = Array.from({ length: size }, (_, i) => png.data[(i % 100) * 3 + Math.floor(i / 100)]!)
      expect(planar).toEqual(Array.from(values, (v) => Math.round(255 * v)))
      expect(s.max).toBe(Math.max(...values))
    }
  })
})
