/**
 * The codes and params that let the app say a scan problem or a dataset error in the user's
 * language (shared/ipc/message-codes.ts), beside the English sentence the CLI prints.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServiceError } from '../errors'
import type { PreprocessOptions } from '../imaging/preprocess'
import { listClassFolders } from './class-folders'
import { DatasetError } from './dataset-error'
import { loadDataset } from './load-dataset'
import { scanFolder } from './scan-folder'
import { noiseImage, writeTree } from './test-support/make-images'

const grey: PreprocessOptions = { colour: 'grey', scale: 'unit', lectureExact: false }
let dir: string
let png: Buffer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-codes-'))
  png = await noiseImage('png', 8, 8, 3, 1)
  await writeTree(
    join(dir, 'shapes'),
    {
      'circle/1.png': png,
      // Cut inside the image data: the signature and header are intact, our PNG decoder fails.
      'square/broken.png': png.subarray(0, Math.floor(png.length * 0.7)),
      'square/notes.png': 'text, not an image',
      'square/zero.png': new Uint8Array(0),
      'nested/sub/1.png': png,
    },
    ['empty'],
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The code and params of what `promise` rejects with (a ServiceError). */
async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ServiceError)
  const { code, params, message } = error as ServiceError
  return { code, params, message }
}

describe('scan problem codes', () => {
  it('gives each skipped file and empty class its code, params and English reason', async () => {
    const { problems } = await scanFolder(join(dir, 'shapes'))
    const broken = problems.find((p) => p.path === 'square/broken.png')!
    expect(broken.code).toBe('damaged')
    expect(broken.params?.format).toBe('PNG')
    // The decoder's own words without the format it names first; the reason keeps them whole.
    expect(broken.reason).toBe(`PNG: ${broken.params?.detail}`)
    expect(broken.params?.detail).toMatch(/truncated|damaged/)
    expect(problems.filter((p) => p !== broken)).toEqual([
      { path: 'empty', code: 'empty-class', reason: 'no images in this class folder' },
      {
        path: 'nested',
        code: 'subfolders-only',
        params: { name: 'nested' },
        reason:
          'no images, only sub-folders: if they are the classes, choose nested itself as the dataset folder',
      },
      {
        path: 'square/notes.png',
        code: 'not-an-image',
        // "text"
        params: { head: '74 65 78 74' },
        reason: expect.stringMatching(/^not an image this program reads \(first bytes 74 65 78 74\)/),
      },
      { path: 'square/zero.png', code: 'empty-file', reason: 'empty file (0 bytes)' },
    ])
  })

  it('says the same of an empty class when the loader lists the folder', async () => {
    const listing = await listClassFolders(join(dir, 'shapes'), 'training folder')
    expect(listing.classes.map((c) => [c.name, c.empty?.code])).toEqual([
      ['circle', undefined],
      ['empty', 'empty-class'],
      ['nested', 'subfolders-only'],
      ['square', undefined],
    ])
  })
})

describe('dataset error codes', () => {
  it('names a missing folder and why, in the scan and in the loader', async () => {
    const gone = join(dir, 'gone')
    expect(await codeOf(scanFolder(gone))).toEqual({
      code: 'folder-unreadable',
      params: { path: gone, cause: 'missing' },
      message: `Cannot scan ${gone}: it does not exist`,
    })
    const loaded = await codeOf(loadDataset({ kind: 'folder', train: gone }, grey))
    expect(loaded).toMatchObject({ code: 'folder-unreadable', params: { path: gone, cause: 'missing' } })
    const file = await codeOf(scanFolder(join(dir, 'shapes', 'circle', '1.png')))
    expect(file.params).toEqual({ path: join(dir, 'shapes', 'circle', '1.png'), cause: 'not-a-folder' })
  })

  it('says a folder has no class folders, with an example path', async () => {
    const flat = join(dir, 'shapes', 'circle')
    expect((await codeOf(scanFolder(flat))).params).toEqual({
      path: flat,
      example: join(flat, 'cat', '1.png'),
    })
  })

  it('names every missing IDX file, in order, with their count', async () => {
    const source = {
      kind: 'idx',
      trainImages: join(dir, 'a-images'),
      trainLabels: join(dir, 'a-labels'),
    } as const
    const { code, params } = await codeOf(loadDataset(source, grey))
    expect(code).toBe('files-unreadable')
    expect(params).toEqual({
      files: `${source.trainImages}, ${source.trainLabels}`,
      count: 2,
      cause: 'missing',
    })
  })

  it('says an IDX file that is not one cannot be read as IDX, with the reader’s words as detail', async () => {
    await writeFile(join(dir, 'fake-images'), 'not an idx file at all')
    await writeFile(join(dir, 'fake-labels'), 'not an idx file at all')
    const source = {
      kind: 'idx',
      trainImages: join(dir, 'fake-images'),
      trainLabels: join(dir, 'fake-labels'),
    } as const
    const error = await codeOf(loadDataset(source, grey))
    expect(error.code).toBe('data-file-invalid')
    expect(error.params).toMatchObject({ format: 'IDX', detail: error.message })
    expect([source.trainImages, source.trainLabels]).toContain(error.params?.path)
    expect(error.message).toMatch(/not an IDX file/)
  })

  it('names a test class the training folder lacks, and the training classes', async () => {
    await writeTree(join(dir, 'split'), {
      'train/cat/1.png': png,
      'train/dog/1.png': png,
      'test/cow/1.png': png,
    })
    const source = {
      kind: 'folder',
      train: join(dir, 'split', 'train'),
      test: join(dir, 'split', 'test'),
    } as const
    const error = await codeOf(loadDataset(source, grey))
    expect(error).toMatchObject({
      code: 'test-class-unknown',
      params: { path: join(dir, 'split', 'test'), name: 'cow', classes: 'cat, dog' },
    })
  })

  it('names two images of different sizes when no size is set', async () => {
    await writeTree(join(dir, 'sizes'), {
      'a/1.png': png,
      'b/1.png': await noiseImage('png', 10, 6, 3, 2),
    })
    const source = { kind: 'folder', train: join(dir, 'sizes') } as const
    const error = await codeOf(loadDataset(source, grey))
    expect(error).toMatchObject({
      code: 'image-sizes-differ',
      params: { first: 'a/1.png', firstSize: '8×8', other: 'b/1.png', otherSize: '10×6' },
    })
    expect(error.message).toMatch(/^The images differ in size/)
  })

  it('is a DatasetError with no code for a request the app itself makes wrong', async () => {
    const error = await loadDataset({ kind: 'mnist' }, grey, { perClassLimit: 0 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatasetError)
    expect((error as DatasetError).code).toBeUndefined()
  })
})
