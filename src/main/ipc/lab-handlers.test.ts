import { mkdtemp, rm } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPresets, presetsDir } from '../services/runs'
import { nodeWorkerSpawner } from '../supervisor'
import { writeBlobIdx, type BlobFiles } from '../supervisor/test-support/blob-data'
import { noiseImage, writeTree } from '../services/datasets/test-support/make-images'
import { createHandlers } from './handlers'
import { testServices } from './test-support/test-services'

const presets = presetsDir(fileURLToPath(new URL('../../..', import.meta.url)))

let dir: string
let files: BlobFiles
beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-lab-handlers-')))
  files = await writeBlobIdx(join(dir, 'data'), 3)
  await writeTree(join(dir, 'folders'), {
    'cat/1.png': await noiseImage('png', 12, 12, 3, 1),
    'dog/1.png': await noiseImage('png', 12, 12, 3, 2),
    'dog/bad.png': 'not a png',
  })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function handlers(kind: 'electron' | 'web', options: { picked?: string; presets?: boolean } = {}) {
  const services = testServices(
    dir,
    { kind, pickFolder: async () => options.picked ?? null },
    // presetsDir travels with the training options; the spawner is never used here
    options.presets === false ? {} : { training: { spawner: nodeWorkerSpawner(), presetsDir: presets } },
  )
  return { api: createHandlers(services), services }
}

describe('presets.list', () => {
  it('lists every shipped preset with its file’s experiment and the resolved model', async () => {
    const { api } = handlers('web')
    const listed = await api['presets.list']({})
    const catalog = await loadPresets(presets)
    expect(listed.map((p) => p.id)).toEqual([...catalog.presets.keys()].sort())
    const lenet = listed.find((p) => p.id === 'lenet5')!
    expect(lenet).toMatchObject({ name: 'LeNet-5 on MNIST', task: 'classify' })
    expect(lenet.description).toMatch(/^LeNet-5 \(Y\. LeCun 1998/)
    expect((lenet.experiment as { model: unknown }).model).toBe('lenet5') // as the file holds it
    expect(lenet.model).toEqual(catalog.models.get('lenet5'))
    expect((lenet.model as { layers: { type: string }[] }).layers.map((l) => l.type)).toContain('conv2d')
    expect(listed.find((p) => p.id === 'cifar-per-channel')!.task).toBe('per-channel-autoencode')
  })

  it('says so when the host has no presets folder', async () => {
    const { api } = handlers('web', { presets: false })
    await expect(api['presets.list']({})).rejects.toThrow('presets.list: this host has no presets folder')
  })
})

describe('datasets.inspect', () => {
  it('inspects built-in MNIST with the default preprocessing in well under a second once loaded', async () => {
    const { api } = handlers('electron')
    await api['datasets.inspect']({ source: { kind: 'mnist' }, previewCount: 1 }) // first: reads the IDX files
    const started = performance.now()
    const seen = await api['datasets.inspect']({ source: { kind: 'mnist' } })
    const ms = performance.now() - started
    console.log(`datasets.inspect mnist (8 samples, 40 thumbnails), MNIST already read: ${ms.toFixed(0)} ms`)
    expect(ms).toBeLessThan(2000)
    expect(seen.preview.samples).toHaveLength(8)
    expect(seen.preview.description).toBe('grey, 28×28 (own size), scaled to [0, 1] (x / 255)')
    expect(seen.preview.samples[0]).toMatchObject({ className: '0', min: 0, max: 1 })
  })

  it('in the desktop app reads only data in chosen folders', async () => {
    const picked = join(dir, 'data')
    const { api } = handlers('electron', { picked })
    const source = { kind: 'idx', ...files }
    await expect(api['datasets.inspect']({ source })).rejects.toThrow(
      /train-images\.idx is outside the folders you chose and the workspace; choose the folder first/,
    )
    await api['folders.pick']({})
    const seen = await api['datasets.inspect']({ source, preprocess: { scale: 'none' }, previewCount: 2 })
    expect([seen.trainCount, seen.testCount]).toEqual([6, 16])
    expect(seen.preview.description).toBe('grey, 8×8 (own size), not scaled (0 … 255)')
    expect(seen.preview.samples.map((s) => s.className)).toEqual(['0', '1'])
  })

  it('in web mode, naming a folder chooses it', async () => {
    const { api, services } = handlers('web')
    const seen = await api['datasets.inspect']({
      source: { kind: 'folder', train: join(dir, 'folders') },
      preprocess: { colour: 'rgb', size: 6 },
    })
    expect(services.access.granted()).toContain(join(dir, 'folders'))
    expect(seen.classes.map((c) => [c.name, c.imageCount])).toEqual([
      ['cat', 1],
      ['dog', 1],
    ])
    expect(seen.problems).toEqual([
      {
        path: 'dog/bad.png',
        code: 'not-an-image',
        params: { head: '6e 6f 74 20' },
        reason: expect.any(String),
      },
    ])
    expect(seen.preview.shape).toEqual([3, 6, 6])
  })

  it('validates the source and preprocessing like an experiment’s data section', async () => {
    const { api } = handlers('web')
    await expect(api['datasets.inspect']({ source: { kind: 'folder' } })).rejects.toThrow(
      'datasets.inspect: data.source.train must be a path (a string)',
    )
    await expect(
      api['datasets.inspect']({ source: { kind: 'mnist' }, preprocess: { scale: 'percent' } }),
    ).rejects.toThrow('datasets.inspect: data.preprocess.scale must be one of unit, unit-sum, none')
    await expect(
      api['datasets.inspect']({ source: { kind: 'folder', train: 'relative/path' } }),
    ).rejects.toThrow('data.source.train "relative/path" must be an absolute path')
  })
})
