import { describe, expect, it } from 'vitest'
import type { FakeFolder } from '../test-support/fake-api'
import { withFakeApi } from '../test-support/with-fake-api'
import { useDatasetsStore } from './datasets'
import { useErrorsStore } from './errors'

const files: FakeFolder = {
  data: {
    shapes: {
      circle: { '1.png': 'image', '2.png': 'image', '10.png': 'image', 'notes.txt': 'text' },
      square: { 'a.jpg': 'image', 'broken.jpg': 'corrupt' },
    },
    lecture: {
      train: { '0': { '0_1.jpg': 'image', '0_2.jpg': 'image' }, '1': { '1_1.jpg': 'image' } },
      test: { '0': { '0_9.jpg': 'image' }, '1': { '1_9.jpg': 'image' } },
    },
    mnist: {
      'train-images-idx3-ubyte': 'text',
      'train-labels-idx1-ubyte': 'text',
      'bad-labels-idx1-ubyte': 'corrupt',
    },
    loose: { 'x.png': 'image' },
  },
}

const inspectRequests = (fake: ReturnType<typeof withFakeApi>) =>
  fake.calls.filter((c) => c.channel === 'datasets.inspect').map((c) => c.request)

describe('useDatasetsStore', () => {
  it('selects built-in MNIST with the default preprocessing until the user chooses otherwise', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    expect(store.selectedSource).toEqual({ kind: 'mnist' })
    expect(store.preprocess).toEqual({ colour: 'grey', scale: 'unit', lectureExact: false })
    expect(store.inputShape).toBeNull()

    await store.ensureInspected()
    expect(inspectRequests(fake)).toEqual([
      {
        source: { kind: 'mnist' },
        preprocess: { colour: 'grey', scale: 'unit', lectureExact: false },
        previewCount: 8,
      },
    ])
    const inspection = store.inspection!
    expect(inspection.classes.map((c) => c.name)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect([inspection.trainCount, inspection.testCount]).toEqual([60_000, 10_000])
    expect(store.inputShape).toEqual([1, 28, 28])
    expect(store.inspecting).toBe(false)

    // Already inspected: opening the view again asks nothing.
    await store.ensureInspected()
    expect(inspectRequests(fake)).toHaveLength(1)
  })

  it('re-inspects with new preprocessing and shows what the network will see', async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.ensureInspected()
    expect(store.inspection!.preview.samples.every((s) => s.min === 0 && s.max === 1)).toBe(true)

    expect(await store.setPreprocess({ size: 14, scale: 'unit-sum' })).toBe(true)
    expect(store.preprocess).toEqual({ colour: 'grey', size: 14, scale: 'unit-sum', lectureExact: false })
    const preview = store.inspection!.preview
    expect(preview.shape).toEqual([1, 14, 14])
    expect(store.inputShape).toEqual([1, 14, 14])
    expect(preview.description).toBe('grey, 14×14, scaled to sum 1')
    // Unit sum: the 196 values of each sample add up to 1, so their mean is 1/196.
    for (const sample of preview.samples) expect(sample.mean).toBeCloseTo(1 / 196, 6)

    await store.setPreprocess({ colour: 'rgb', size: null, scale: 'none' })
    expect(store.preprocess).toEqual({ colour: 'rgb', scale: 'none', lectureExact: false })
    expect(store.inspection!.preview.shape).toEqual([3, 28, 28])
    expect(Math.max(...store.inspection!.preview.samples.map((s) => s.max))).toBe(255)
  })

  it('rolls a refused preprocessing change back and keeps the last preview', async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.setPreprocess({ size: 14 })
    expect(await store.setPreprocess({ size: 5000 })).toBe(false)
    expect(store.preprocess.size).toBe(14)
    expect(store.inspection!.preview.shape).toEqual([1, 14, 14])
    expect(useErrorsStore().errors.map((e) => e.message)).toEqual([
      'data.preprocess.size must be an integer from 1 to 4096 (got 5000)',
    ])
  })

  it('is inspecting until the service answers, and shows only the latest of overlapping requests', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    const release = fake.hold('datasets.inspect')
    const first = store.setPreprocess({ size: 7 })
    expect(store.inspecting).toBe(true)
    const second = store.setPreprocess({ size: 21 })
    expect(await second).toBe(true)
    release()
    expect(await first).toBe(false)
    expect(store.preprocess.size).toBe(21)
    expect(store.inspection!.preview.shape).toEqual([1, 21, 21])
    expect(store.inspecting).toBe(false)
  })

  it('uses train/ and test/ sub-folders as the lecture lays them out', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    expect(await store.chooseClassFolder('/data/lecture')).toBe(true)
    expect(store.selectedSource).toEqual({
      kind: 'folder',
      train: '/data/lecture/train',
      test: '/data/lecture/test',
    })
    expect(store.inspection!.classes.map((c) => [c.name, c.imageCount])).toEqual([
      ['0', 2],
      ['1', 1],
    ])
    expect([store.inspection!.trainCount, store.inspection!.testCount]).toEqual([3, 2])
    expect(inspectRequests(fake).at(-1)).toMatchObject({ source: store.selectedSource })
  })

  it('uses a folder of class folders as the training set, with its unreadable files', async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.chooseClassFolder('/data/shapes')
    expect(store.selectedSource).toEqual({ kind: 'folder', train: '/data/shapes' })
    expect(store.inspection!.trainCount).toBe(4)
    expect(store.inspection!.testCount).toBe(0)
    expect(store.inspection!.problems).toEqual([
      { path: 'square/broken.jpg', code: 'not-an-image', reason: 'not a valid image' },
    ])
  })

  it("keeps the selected source when another cannot be read, and reports the service's message", async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.ensureInspected()
    expect(await store.chooseClassFolder('/data/loose')).toBe(false)
    expect(
      await store.chooseSource({
        kind: 'idx',
        trainImages: '/data/mnist/train-images-idx3-ubyte',
        trainLabels: '/data/mnist/bad-labels-idx1-ubyte',
      }),
    ).toBe(false)
    expect(store.selectedSource).toEqual({ kind: 'mnist' })
    expect(store.inspection!.title).toBe('MNIST (built in)')
    expect(useErrorsStore().errors.map((e) => e.message)).toEqual([
      "/data/loose has no class folders: put each class's images in its own sub-folder.",
      '/data/mnist/bad-labels-idx1-ubyte is not an IDX file',
    ])
  })

  it('selects IDX files without a test set', async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    const source = {
      kind: 'idx',
      trainImages: '/data/mnist/train-images-idx3-ubyte',
      trainLabels: '/data/mnist/train-labels-idx1-ubyte',
    } as const
    expect(await store.chooseSource(source)).toBe(true)
    expect(store.selectedSource).toEqual(source)
    expect([store.inspection!.trainCount, store.inspection!.testCount]).toEqual([60_000, 0])
  })

  it('inspects the selected source again on refresh', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    await store.chooseClassFolder('/data/shapes')
    await store.refresh()
    expect(inspectRequests(fake).map((r) => (r as { source: unknown }).source)).toEqual([
      { kind: 'folder', train: '/data/shapes' },
      { kind: 'folder', train: '/data/shapes' },
    ])
  })
})
