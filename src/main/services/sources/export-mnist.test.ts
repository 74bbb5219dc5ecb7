import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../imaging/decode'
import { exportMnist } from './export-mnist'
import { imageAt } from './labelled-images'
import { loadBuiltinMnist } from './mnist-builtin'

let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dllab-export-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })

describe('export-mnist', () => {
  it('writes DIR/{train,test}/<c>/<c>_<j>.jpg, j from 1, limited per class, read back as grey JPEGs', async () => {
    const dir = join(root, 'mnist')
    const progress: number[] = []
    const result = await exportMnist(dir, { limitPerClass: 3, onProgress: (n) => progress.push(n) })
    expect(result.files).toBe(60)
    expect(result.counts.train).toEqual(new Array(10).fill(3))
    expect(progress.at(-1)).toBe(60)
    expect((await readdir(dir)).sort()).toEqual(['test', 'train'])
    expect((await readdir(join(dir, 'train'))).sort(natural)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ])
    expect((await readdir(join(dir, 'train', '0'))).sort(natural)).toEqual(['0_1.jpg', '0_2.jpg', '0_3.jpg'])
    expect((await readdir(join(dir, 'test', '7'))).sort(natural)).toEqual(['7_1.jpg', '7_2.jpg', '7_3.jpg'])

    // train/5/5_1.jpg is the first training image (label 5); test/7/7_1.jpg the first test image
    const train = await loadBuiltinMnist('train')
    const test = await loadBuiltinMnist('test')
    for (const [file, original] of [
      [join(dir, 'train', '5', '5_1.jpg'), imageAt(train, 0)],
      [join(dir, 'train', '0', '0_1.jpg'), imageAt(train, 1)],
      [join(dir, 'test', '7', '7_1.jpg'), imageAt(test, 0)],
    ] as const) {
      const img = await decodeImage(new Uint8Array(await readFile(file)))
      expect([img.format, img.width, img.height, img.channels]).toEqual(['jpeg', 28, 28, 1])
      let maxDiff = 0
      for (let k = 0; k < 784; k++) maxDiff = Math.max(maxDiff, Math.abs(img.data[k] - original[k]))
      expect(maxDiff).toBeLessThanOrEqual(12) // quality 100: JPEG still rounds a little at sharp edges
    }
  })

  it('counts the files it writes without a progress callback', async () => {
    const result = await exportMnist(join(root, 'quiet'), { limitPerClass: 1, splits: ['test'] })
    expect(result.files).toBe(10)
    expect(result.counts.test).toEqual(new Array(10).fill(1))
  })

  it('refuses a non-empty folder unless told to overwrite, and then replaces only train/ and test/', async () => {
    const dir = join(root, 'busy')
    await mkdir(join(dir, 'train', '3'), { recursive: true })
    await writeFile(join(dir, 'train', '3', 'stale.jpg'), 'old')
    await writeFile(join(dir, 'notes.txt'), 'keep me')
    await expect(exportMnist(dir, { limitPerClass: 1 })).rejects.toThrow(/is not empty \(2 entries\)/)
    expect(await readFile(join(dir, 'train', '3', 'stale.jpg'), 'utf8')).toBe('old')

    await exportMnist(dir, { limitPerClass: 1, overwrite: true, splits: ['train'] })
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('keep me')
    expect(await readdir(join(dir, 'train', '3'))).toEqual(['3_1.jpg'])
    expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'train'])
  })

  it('refuses a bad limit or quality before touching the disk', async () => {
    await expect(exportMnist(join(root, 'x'), { limitPerClass: 0 })).rejects.toThrow(
      /positive integer, got 0/,
    )
    await expect(exportMnist(join(root, 'x'), { quality: 101 })).rejects.toThrow(/from 1 to 100, got 101/)
    await expect(readdir(join(root, 'x'))).rejects.toThrow(/ENOENT/)
  })
})
