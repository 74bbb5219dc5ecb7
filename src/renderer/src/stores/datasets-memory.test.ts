import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FakeFolder } from '../test-support/fake-api'
import { withFakeApi } from '../test-support/with-fake-api'
import { useDatasetsStore } from './datasets'
import { CHOICE_STORAGE_KEY, readRememberedChoice, type KeyValueStorage } from './datasets-memory'
import { useErrorsStore } from './errors'

const files: FakeFolder = {
  data: {
    shapes: { circle: { '1.png': 'image', '2.png': 'image' }, square: { 'a.png': 'image' } },
    cifar: { 'data_batch_1.bin': 'text', 'test_batch.bin': 'text' },
  },
}

/** localStorage as the window has it, in a Map (the tests run in Node, which has none). */
class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>()
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => void this.items.set(key, value)
  removeItem = (key: string) => void this.items.delete(key)
}

let storage: MemoryStorage
beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
})
afterEach(() => vi.unstubAllGlobals())

const stored = () => JSON.parse(storage.getItem(CHOICE_STORAGE_KEY) ?? 'null') as unknown
const inspectedSources = (fake: ReturnType<typeof withFakeApi>) =>
  fake.calls
    .filter((c) => c.channel === 'datasets.inspect')
    .map((c) => (c.request as { source: unknown }).source)

describe('the remembered dataset choice', () => {
  it('comes back after a reload: the same folder and preprocessing, read again at once', async () => {
    withFakeApi({ files })
    const before = useDatasetsStore()
    expect(await before.chooseClassFolder('/data/shapes')).toBe(true)
    expect(await before.setPreprocess({ colour: 'rgb', size: 32 })).toBe(true)
    expect(stored()).toEqual({
      source: { kind: 'folder', train: '/data/shapes' },
      preprocess: { colour: 'rgb', size: 32, scale: 'unit', lectureExact: false },
    })

    // A reload: a new Pinia and service, the same localStorage.
    const fake = withFakeApi({ files })
    const after = useDatasetsStore()
    expect(after.selectedSource).toEqual({ kind: 'folder', train: '/data/shapes' })
    expect(after.preprocess).toEqual({ colour: 'rgb', size: 32, scale: 'unit', lectureExact: false })
    expect(after.inspecting).toBe(true)
    await vi.waitFor(() => expect(after.inspecting).toBe(false))
    expect(inspectedSources(fake)).toEqual([{ kind: 'folder', train: '/data/shapes' }])
    expect(after.inspection!.trainCount).toBe(3)
    expect(after.inputShape).toEqual([3, 32, 32])
    expect(after.lostSource).toBeNull()
    // Opening the Datasets view asks nothing more.
    await after.ensureInspected()
    expect(inspectedSources(fake)).toHaveLength(1)
  })

  it('falls back to MNIST with a notice, not an error, when the remembered folder is gone', async () => {
    storage.setItem(
      CHOICE_STORAGE_KEY,
      JSON.stringify({
        source: { kind: 'folder', train: '/data/moved-away' },
        preprocess: { colour: 'rgb', size: 32, scale: 'unit', lectureExact: false },
      }),
    )
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    await vi.waitFor(() => expect(store.inspection?.title).toBe('MNIST (built in)'))
    expect(inspectedSources(fake)).toEqual([{ kind: 'folder', train: '/data/moved-away' }, { kind: 'mnist' }])
    expect(store.selectedSource).toEqual({ kind: 'mnist' })
    expect(store.preprocess).toEqual({ colour: 'grey', scale: 'unit', lectureExact: false })
    expect(store.inputShape).toEqual([1, 28, 28])
    expect(store.lostSource).toEqual({ kind: 'folder', train: '/data/moved-away' })
    expect(store.fallbacks).toBe(1)
    expect(useErrorsStore().errors).toEqual([])
    expect(stored()).toEqual({
      source: { kind: 'mnist' },
      preprocess: { colour: 'grey', scale: 'unit', lectureExact: false },
    })
    store.dismissLostSource()
    expect(store.lostSource).toBeNull()
  })

  it('still reports a later choice that fails, and keeps the confirmed one', async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.chooseSource({ kind: 'cifar-binary', trainBatches: ['/data/cifar/data_batch_1.bin'] })
    withFakeApi({ files })
    const again = useDatasetsStore()
    await vi.waitFor(() => expect(again.inspecting).toBe(false))
    expect(again.inspection!.trainCount).toBe(10_000)
    expect(await again.chooseClassFolder('/data/nowhere')).toBe(false)
    expect(again.selectedSource).toEqual({
      kind: 'cifar-binary',
      trainBatches: ['/data/cifar/data_batch_1.bin'],
    })
    expect(again.lostSource).toBeNull()
    expect(useErrorsStore().errors).toHaveLength(1)
  })

  it('ignores what is not a valid source and preprocessing', () => {
    const read = (value: unknown) => {
      storage.setItem(CHOICE_STORAGE_KEY, typeof value === 'string' ? value : JSON.stringify(value))
      return readRememberedChoice(storage)
    }
    const preprocess = { colour: 'grey', scale: 'unit', lectureExact: false }
    expect(read({ source: { kind: 'idx', trainImages: '/a', trainLabels: '/b' }, preprocess })).toEqual({
      source: { kind: 'idx', trainImages: '/a', trainLabels: '/b' },
      preprocess,
    })
    expect(read('{ not json')).toBeNull()
    expect(read({ source: { kind: 'folder' }, preprocess })).toBeNull()
    expect(read({ source: { kind: 'folder', train: '' }, preprocess })).toBeNull()
    expect(read({ source: { kind: 'folder', train: '/a', extra: 1 }, preprocess })).toBeNull()
    expect(read({ source: { kind: 'cifar-binary', trainBatches: [] }, preprocess })).toBeNull()
    expect(read({ source: { kind: 'webcam' }, preprocess })).toBeNull()
    expect(read({ source: { kind: 'mnist' }, preprocess: { ...preprocess, size: 0 } })).toBeNull()
    expect(read({ source: { kind: 'mnist' }, preprocess: { ...preprocess, colour: 'cmyk' } })).toBeNull()
    expect(read({ source: { kind: 'mnist' } })).toBeNull()
    storage.removeItem(CHOICE_STORAGE_KEY)
    expect(readRememberedChoice(storage)).toBeNull()
    expect(readRememberedChoice(undefined)).toBeNull()
  })

  it('starts with MNIST when the remembered choice is not valid', () => {
    storage.setItem(CHOICE_STORAGE_KEY, JSON.stringify({ source: { kind: 'folder', train: 7 } }))
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    expect(store.selectedSource).toEqual({ kind: 'mnist' })
    expect(store.inspecting).toBe(false)
    expect(inspectedSources(fake)).toEqual([])
  })
})
