import { describe, expect, it } from 'vitest'
import {
  cifarSourceFrom,
  defaultCifarNames,
  defaultIdxNames,
  formFromSource,
  idxSourceFrom,
  joinPath,
  parseNameList,
  splitPath,
} from './dataset-files'

describe('dataset files', () => {
  it('joins and splits paths with the separator the host uses', () => {
    expect(joinPath('/data/mnist', 'a.bin')).toBe('/data/mnist/a.bin')
    expect(joinPath('/', 'a.bin')).toBe('/a.bin')
    expect(joinPath('C:\\data', 'a.bin')).toBe('C:\\data\\a.bin')
    expect(splitPath('/data/mnist/a.bin')).toEqual({ folder: '/data/mnist', name: 'a.bin' })
    expect(splitPath('/a.bin')).toEqual({ folder: '/', name: 'a.bin' })
    expect(splitPath('C:\\data\\a.bin')).toEqual({ folder: 'C:\\data', name: 'a.bin' })
  })

  it('reads a list of names separated by commas or lines', () => {
    expect(parseNameList(' a.bin,b.bin\n\n c.bin ,')).toEqual(['a.bin', 'b.bin', 'c.bin'])
  })

  it("builds MNIST's four IDX paths in the chosen folder, and leaves a blank test set out", () => {
    expect(idxSourceFrom('/d', defaultIdxNames())).toEqual({
      kind: 'idx',
      trainImages: '/d/train-images-idx3-ubyte',
      trainLabels: '/d/train-labels-idx1-ubyte',
      testImages: '/d/t10k-images-idx3-ubyte',
      testLabels: '/d/t10k-labels-idx1-ubyte',
    })
    const names = { ...defaultIdxNames(), trainImages: 'x.gz ', testImages: ' ', testLabels: '' }
    expect(idxSourceFrom('/d', names)).toEqual({
      kind: 'idx',
      trainImages: '/d/x.gz',
      trainLabels: '/d/train-labels-idx1-ubyte',
    })
  })

  it("builds CIFAR-10's five training batches and test batch; a whole path is kept as typed", () => {
    expect(cifarSourceFrom('/c', defaultCifarNames())).toEqual({
      kind: 'cifar-binary',
      trainBatches: [1, 2, 3, 4, 5].map((i) => `/c/data_batch_${i}.bin`),
      testBatch: '/c/test_batch.bin',
    })
    expect(cifarSourceFrom('/c', { trainBatches: 'data_batch_1.bin, /other/b.bin', testBatch: '' })).toEqual({
      kind: 'cifar-binary',
      trainBatches: ['/c/data_batch_1.bin', '/other/b.bin'],
    })
  })

  it('fills the form back from a chosen source', () => {
    const idx = idxSourceFrom('/d', { ...defaultIdxNames(), testLabels: '/elsewhere/labels' })
    expect(formFromSource(idx)).toEqual({
      folder: '/d',
      idx: { ...defaultIdxNames(), testLabels: '/elsewhere/labels' },
      cifar: defaultCifarNames(),
    })
    const cifar = cifarSourceFrom('/c', { trainBatches: 'a.bin, b.bin', testBatch: '' })
    expect(formFromSource(cifar)).toEqual({
      folder: '/c',
      idx: defaultIdxNames(),
      cifar: { trainBatches: 'a.bin, b.bin', testBatch: '' },
    })
    expect(formFromSource({ kind: 'mnist' })).toBeNull()
  })
})
