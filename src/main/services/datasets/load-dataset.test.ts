import { mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readNpz } from '../../../engine/io'
import type { DataSource, Preprocess } from '../../../shared/experiment/schema'
import { preprocessImage, type PreprocessOptions } from '../imaging/preprocess'
import { DatasetError } from './dataset-error'
import { loadDataset, type DatasetSource, type LoadedDataset } from './load-dataset'
import { flatGreyPng, noiseImage, writeTree } from './test-support/make-images'

// The experiment schema's types are what callers pass: they must fit loadDataset's parameters.
const _source: DatasetSource = {} as DataSource
const _preprocess: PreprocessOptions = {} as Preprocess

const grey6: PreprocessOptions = { colour: 'grey', size: 6, scale: 'unit', lectureExact: true }

let tmp: string
let set: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dllab-load-'))
  set = join(tmp, 'set')
  await writeTree(
    set,
    {
      'train/2/a.png': await flatGreyPng(6, 6, 51),
      'train/2/b.jpg': await noiseImage('jpeg', 10, 6, 3, 1),
      'train/2/c.webp': await noiseImage('webp', 7, 9, 1, 2),
      'train/10/1.png': await noiseImage('png', 12, 12, 3, 3),
      'train/10/2.jpg': await noiseImage('jpeg', 9, 9, 1, 4),
      'train/10/3.png': 'not an image at all',
      'train/10/10.png': await noiseImage('png', 6, 6, 1, 5),
      'train/10/zero.jpg': new Uint8Array(),
      'train/10/notes.txt': 'ignored: no image extension',
      'test/2/t1.png': await noiseImage('png', 8, 8, 1, 6),
      'test/10/t2.jpg': await noiseImage('jpeg', 6, 6, 3, 7),
    },
    ['train/empty'],
  )
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

const folder = (test = true): DatasetSource => ({
  kind: 'folder',
  train: join(set, 'train'),
  ...(test ? { test: join(set, 'test') } : {}),
})

/** The sample preprocessImage (imaging, decoding with sharp) gives for one file. */
async function reference(root: string, file: string, o: PreprocessOptions): Promise<Float32Array> {
  return (await preprocessImage(new Uint8Array(await readFile(join(root, file))), o)).data
}

function sample(split: { x: Float32Array }, i: number, size: number): Float32Array {
  return split.x.subarray(i * size, (i + 1) * size)
}

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true })
  return entries.map(String).sort()
}

describe('loadDataset: class folders', () => {
  let data: LoadedDataset
  beforeAll(async () => {
    data = await loadDataset(folder(), grey6)
  })

  it('takes the classes from the training folder in natural order (2 before 10), empty ones kept', () => {
    expect(data.classes).toEqual(['2', '10', 'empty'])
    expect(data.sampleShape).toEqual([1, 6, 6])
    expect(data.fromCache).toBe(false)
  })

  it('loads every readable file, class by class in natural order, resized to 6×6', () => {
    expect(data.train.files).toEqual(['2/a.png', '2/b.jpg', '2/c.webp', '10/1.png', '10/2.jpg', '10/10.png'])
    expect(Array.from(data.train.y)).toEqual([0, 0, 0, 1, 1, 1])
    expect(data.train.x.length).toBe(6 * 36)
    expect(data.test?.files).toEqual(['2/t1.png', '10/t2.jpg'])
    expect(Array.from(data.test!.y)).toEqual([0, 1])
  })

  it('gives exactly the values of preprocessImage for each file (JPEGs decoded in WebAssembly)', async () => {
    // a.png is grey 51 everywhere: 51 / 255 = 0.2 in float32
    expect(Array.from(sample(data.train, 0, 36))).toEqual(new Array(36).fill(Math.fround(0.2)))
    for (const [i, file] of data.train.files!.entries()) {
      expect(sample(data.train, i, 36)).toEqual(await reference(join(set, 'train'), file, grey6))
    }
    expect(sample(data.test!, 1, 36)).toEqual(await reference(join(set, 'test'), '10/t2.jpg', grey6))
    const b = sample(data.train, 1, 36)
    expect(b[0]).toBeGreaterThan(0)
    expect(b.every((v) => v >= 0 && v <= 1)).toBe(true)
  })

  it('lists the unreadable files and the empty class as problems, without failing', () => {
    expect(data.problems).toEqual([
      {
        split: 'train',
        kind: 'file',
        path: '10/3.png',
        reason: expect.stringMatching(/not an image this program reads/),
      },
      { split: 'train', kind: 'file', path: '10/zero.jpg', reason: 'empty file (0 bytes)' },
      { split: 'train', kind: 'class', path: 'empty', reason: 'no images in this class folder' },
    ])
    expect([data.stats.decoded, data.stats.skipped]).toEqual([10, 2])
    expect(data.stats.threads).toBe(0) // ten files: decoded in this thread
  })

  it('refuses mixed sizes without a size, naming two files and the fix', async () => {
    const error = await loadDataset(folder(false), { ...grey6, size: undefined }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatasetError)
    expect((error as Error).message).toMatch(
      /differ in size: 2\/a\.png is 6×6 pixels, 2\/b\.jpg is 10×6; set a size in the preprocessing options/,
    )
  })

  it('refuses a test class the training folder does not have, and a folder without classes', async () => {
    const odd = join(tmp, 'odd')
    await writeTree(odd, {
      'train/a/1.png': await flatGreyPng(2, 2, 9),
      'test/b/1.png': await flatGreyPng(2, 2, 9),
    })
    const source: DatasetSource = { kind: 'folder', train: join(odd, 'train'), test: join(odd, 'test') }
    await expect(loadDataset(source, grey6)).rejects.toThrow(
      /test folder .* has a class folder 'b' that the training folder does not have; .*\(a\)/,
    )
    await expect(loadDataset({ kind: 'folder', train: join(odd, 'train', 'a') }, grey6)).rejects.toThrow(
      /has no class folders: put each class's images in a sub-folder/,
    )
  })
})

describe('loadDataset: awkward folders', () => {
  it('does not follow link loops: a link inside a class is not entered, a link to the root is an empty class', async () => {
    const root = join(tmp, 'links')
    await writeTree(root, { 'a/1.png': await flatGreyPng(3, 3, 30) })
    await symlink(root, join(root, 'a', 'loop'))
    await symlink(root, join(root, 'self'))
    const data = await loadDataset({ kind: 'folder', train: root }, grey6)
    expect(data.classes).toEqual(['a', 'self'])
    expect(data.train.files).toEqual(['a/1.png'])
    expect(data.problems).toEqual([
      {
        split: 'train',
        kind: 'class',
        path: 'self',
        reason: expect.stringMatching(/^no images, only sub-folders/),
      },
    ])
  })

  it('stops when the signal is aborted, before decoding', async () => {
    await expect(loadDataset(folder(), grey6, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i)
  })
})

describe('loadDataset: per-class limits (the lecture’s train_num)', () => {
  it('takes the first N files of each class in natural order', async () => {
    const data = await loadDataset(folder(), grey6, { perClassLimit: 2, testPerClassLimit: 1 })
    expect(data.train.files).toEqual(['2/a.png', '2/b.jpg', '10/1.png', '10/2.jpg'])
    expect(data.test?.files).toEqual(['2/t1.png', '10/t2.jpg'])
    expect(data.problems.map((p) => p.path)).toEqual(['empty']) // files past the limit are not read
    expect(data.stats.decoded).toBe(6)
  })

  it('lets the next file stand in for one that cannot be read', async () => {
    const data = await loadDataset(folder(false), grey6, { perClassLimit: 3 })
    expect(data.train.files).toEqual(['2/a.png', '2/b.jpg', '2/c.webp', '10/1.png', '10/2.jpg', '10/10.png'])
    expect(data.problems.map((p) => p.path)).toEqual(['10/3.png', 'empty'])
    expect(data.stats.decoded).toBe(7)
  })
})

describe('loadDataset: held-out test set', () => {
  let root: string
  beforeAll(async () => {
    root = join(tmp, 'holdout')
    const files: Record<string, Buffer> = {}
    for (let i = 1; i <= 10; i++) files[`a/${i}.png`] = await flatGreyPng(2, 2, i)
    for (let i = 1; i <= 7; i++) files[`b/${i}.png`] = await flatGreyPng(2, 2, 100 + i)
    await writeTree(root, files)
  })
  const raw = { colour: 'grey', scale: 'none', lectureExact: true } as const
  const load = (seed: number) =>
    loadDataset({ kind: 'folder', train: root }, raw, { holdout: { fraction: 0.3, seed } })

  it('holds out round(0.3·n) per class, both parts in natural order, the same for the same seed', async () => {
    const first = await load(1)
    const again = await load(1)
    expect(again.train.files).toEqual(first.train.files)
    expect(again.test?.files).toEqual(first.test?.files)
    const test = first.test!.files!
    expect(test.filter((f) => f.startsWith('a/'))).toHaveLength(3)
    expect(test.filter((f) => f.startsWith('b/'))).toHaveLength(2)
    expect(first.train.count).toBe(12)
    expect(new Set([...first.train.files!, ...test]).size).toBe(17)
    const order = (files: string[]) => files.map((f) => Number(f.slice(2, -4)) + (f[0] === 'b' ? 100 : 0))
    expect(order(first.train.files!)).toEqual([...order(first.train.files!)].sort((p, q) => p - q))
    // the values follow the files: a/<i>.png is grey i
    expect(Array.from(first.test!.x.subarray(0, 4))).toEqual(new Array(4).fill(order(test)[0]))
    const other = await load(2)
    expect(other.test?.files).not.toEqual(test)
  })
})

describe('loadDataset: cache in the workspace', () => {
  it('reuses the cache, re-decodes when a file changes or the cache is damaged, never writes the dataset', async () => {
    const root = join(tmp, 'cached')
    await writeTree(root, {
      'train/x/1.png': await flatGreyPng(4, 4, 51),
      'train/x/2.jpg': await noiseImage('jpeg', 5, 4, 3, 8),
      'train/y/1.png': await noiseImage('png', 4, 4, 1, 9),
      'train/y/bad.png': 'broken',
    })
    const before = await listTree(root)
    const cacheDir = join(tmp, 'workspace', 'cache', 'datasets')
    const source: DatasetSource = { kind: 'folder', train: join(root, 'train') }
    const o: PreprocessOptions = { colour: 'rgb', size: 4, scale: 'unit', lectureExact: true }

    const first = await loadDataset(source, o, { cacheDir })
    expect([first.fromCache, first.stats.cache, first.stats.decoded]).toEqual([false, 'absent', 4])
    const files = await readdir(cacheDir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.npz$/)
    const npz = readNpz(await readFile(join(cacheDir, files[0]!)))
    // unit-scaled samples are stored as their bytes and a divisor: x = pixels / 255
    expect(Object.keys(npz).sort()).toEqual(['meta', 'train.divisors', 'train.pixels', 'train.y'])
    const pixels = npz['train.pixels']!
    expect([pixels.dtype, pixels.shape, npz['train.y']!.dtype]).toEqual(['uint8', [3, 3, 4, 4], 'int32'])
    expect(Array.from(npz['train.divisors']!.data as Uint32Array)).toEqual([255, 255, 255])
    expect(Array.from((pixels.data as Uint8Array).subarray(0, 3))).toEqual([51, 51, 51])

    const second = await loadDataset(source, o, { cacheDir })
    expect([second.fromCache, second.stats.cache, second.stats.decoded]).toEqual([true, 'hit', 0])
    expect(second.train.x).toEqual(first.train.x)
    expect(second.train.y).toEqual(first.train.y)
    expect(second.train.files).toEqual(first.train.files)
    expect(second.problems).toEqual(first.problems)
    expect([second.classes, second.sampleShape]).toEqual([
      ['x', 'y'],
      [3, 4, 4],
    ])

    // other options: another cache file, the first one untouched
    const grey = await loadDataset(source, { ...o, colour: 'grey' }, { cacheDir })
    expect([grey.stats.cache, (await readdir(cacheDir)).length]).toEqual(['absent', 2])

    // a changed file (new content, new time) makes the cache stale
    await writeFile(join(root, 'train/x/1.png'), await flatGreyPng(4, 4, 102))
    const later = new Date(Date.now() + 5000)
    await utimes(join(root, 'train/x/1.png'), later, later)
    const third = await loadDataset(source, o, { cacheDir })
    expect([third.fromCache, third.stats.cache, third.stats.decoded]).toEqual([false, 'stale', 4])
    expect(third.train.x[0]).toBe(Math.fround(0.4))

    // a damaged cache file is decoded again and rewritten
    await writeFile(join(cacheDir, files[0]!), 'PK garbage')
    const fourth = await loadDataset(source, o, { cacheDir })
    expect([fourth.stats.cache, fourth.stats.decoded]).toEqual(['corrupt', 4])
    expect(fourth.train.x).toEqual(third.train.x)
    expect((await loadDataset(source, o, { cacheDir })).stats.cache).toBe('hit')

    expect(await listTree(root)).toEqual(before)
  })
})
