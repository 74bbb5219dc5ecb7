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
    loose: { 'x.png': 'image' },
  },
}

describe('useDatasetsStore', () => {
  it('scans a folder into classes with counts, thumbnails and unreadable files', async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.scanFolder('/data/shapes')
    expect(store.folder).toBe('/data/shapes')
    expect(store.scanning).toBe(false)
    const scan = store.scan!
    expect(scan.classes.map((c) => [c.name, c.imageCount, c.thumbnails.length])).toEqual([
      ['circle', 3, 3],
      ['square', 1, 1],
    ])
    expect(scan.totalImages).toBe(4)
    expect(scan.problems).toEqual([{ path: 'square/broken.jpg', reason: 'not a valid image' }])
  })

  it('is scanning until the service answers', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    const release = fake.hold('datasets.scanFolder')
    const done = store.scanFolder('/data/shapes')
    expect(store.scanning).toBe(true)
    expect(store.scan).toBeNull()
    release()
    await done
    expect(store.scanning).toBe(false)
    expect(store.scan?.totalImages).toBe(4)
  })

  it("reports the service's message for a folder without class folders", async () => {
    withFakeApi({ files })
    const store = useDatasetsStore()
    await store.scanFolder('/data/loose')
    expect(store.scan).toBeNull()
    expect(store.scanning).toBe(false)
    expect(useErrorsStore().errors.map((e) => e.message)).toEqual([
      "/data/loose has no class folders: put each class's images in its own sub-folder.",
    ])
  })

  it('shows only the latest of overlapping scans', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    const release = fake.hold('datasets.scanFolder')
    const first = store.scanFolder('/data/loose')
    const second = store.scanFolder('/data/shapes')
    await second
    expect(store.scanning).toBe(false)
    release()
    await first
    // The superseded scan's failure is neither shown nor reported.
    expect(store.folder).toBe('/data/shapes')
    expect(store.scan?.root).toBe('/data/shapes')
    expect(useErrorsStore().errors).toEqual([])
  })

  it('scans the same folder again on rescan', async () => {
    const fake = withFakeApi({ files })
    const store = useDatasetsStore()
    await store.rescan()
    expect(fake.calls).toEqual([])
    await store.scanFolder('/data/shapes')
    await store.rescan()
    expect(fake.calls.map((c) => c.request)).toEqual([{ path: '/data/shapes' }, { path: '/data/shapes' }])
  })
})
