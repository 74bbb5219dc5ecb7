import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { convertL } from '../imaging/pillow-grey'
import { pillowResize } from '../imaging/pillow-resize'
import { CIFAR_RECORD_BYTES } from '../sources/cifar-binary'
import { imageAt } from '../sources/labelled-images'
import { loadBuiltinMnist } from '../sources/mnist-builtin'
import { loadDataset } from './load-dataset'

/** An IDX file: 00 00 type ndims, big-endian uint32 dims, then the payload. */
function idx(typeCode: number, dims: number[], payload: Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(4 + 4 * dims.length))
  head.setUint8(2, typeCode)
  head.setUint8(3, dims.length)
  dims.forEach((d, i) => head.setUint32(4 + 4 * i, d))
  const out = new Uint8Array(head.byteLength + payload.length)
  out.set(new Uint8Array(head.buffer))
  out.set(payload, head.byteLength)
  return out
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-arrays-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const unit = { colour: 'grey', scale: 'unit', lectureExact: true } as const

describe('loadDataset: IDX files', () => {
  // 6 training images 4×3 (pixel k of image i = 10·i + k), labels 2 0 2 1 0 2; 2 test images
  const trainLabels = [2, 0, 2, 1, 0, 2]
  const pixels = (n: number, base: number) =>
    Uint8Array.from({ length: n * 12 }, (_, j) => base + 10 * Math.floor(j / 12) + (j % 12))

  beforeAll(async () => {
    await writeFile(join(dir, 'train-images'), idx(0x08, [6, 4, 3], pixels(6, 0)))
    await writeFile(join(dir, 'train-labels.gz'), gzipSync(idx(0x08, [6], Uint8Array.from(trainLabels))))
    await writeFile(join(dir, 'test-images'), idx(0x08, [2, 4, 3], pixels(2, 100)))
    await writeFile(join(dir, 'test-labels'), idx(0x08, [2], Uint8Array.of(1, 3)))
  })

  it('reads images and labels (raw and gzip), classes 0 … max label, class-major order', async () => {
    const data = await loadDataset(
      {
        kind: 'idx',
        trainImages: join(dir, 'train-images'),
        trainLabels: join(dir, 'train-labels.gz'),
        testImages: join(dir, 'test-images'),
        testLabels: join(dir, 'test-labels'),
      },
      unit,
    )
    expect(data.classes).toEqual(['0', '1', '2', '3'])
    expect(data.sampleShape).toEqual([1, 4, 3])
    // class 0: images 1, 4; class 1: image 3; class 2: images 0, 2, 5
    expect(Array.from(data.train.y)).toEqual([0, 0, 1, 2, 2, 2])
    const first = (split: { x: Float32Array }, i: number) => split.x[i * 12]
    expect([0, 1, 2, 3, 4, 5].map((i) => first(data.train, i))).toEqual(
      [10, 40, 30, 0, 20, 50].map((v) => Math.fround(v / 255)),
    )
    expect(data.train.x[11]).toBe(Math.fround(21 / 255)) // image 1, pixel 11
    expect(Array.from(data.test!.y)).toEqual([1, 3])
    expect(first(data.test!, 1)).toBe(Math.fround(110 / 255))
    expect(data.train.files).toBeUndefined()
  })

  it('applies the per-class limit in record order, and a held-out split when there is no test set', async () => {
    const source = {
      kind: 'idx',
      trainImages: join(dir, 'train-images'),
      trainLabels: join(dir, 'train-labels.gz'),
    } as const
    const limited = await loadDataset(source, unit, { perClassLimit: 2 })
    expect(Array.from(limited.train.y)).toEqual([0, 0, 1, 2, 2])
    expect(limited.train.x[4 * 12]).toBe(Math.fround(20 / 255)) // class 2's second image is image 2
    expect(limited.test).toBeUndefined()
    const held = await loadDataset(source, unit, { holdout: { fraction: 0.5, seed: 3 } })
    expect(held.train.count + held.test!.count).toBe(6)
    // round(0.5·n): class 0 (2 images) gives 1, class 1 (1 image) none, class 2 (3 images) round(1.5) = 2
    expect(Array.from(held.test!.y)).toEqual([0, 2, 2])
  })

  it('refuses labels that do not match the images', async () => {
    await writeFile(join(dir, 'short-labels'), idx(0x08, [5], new Uint8Array(5)))
    await expect(
      loadDataset(
        { kind: 'idx', trainImages: join(dir, 'train-images'), trainLabels: join(dir, 'short-labels') },
        unit,
      ),
    ).rejects.toThrow(/expected 6 integer labels/)
    await expect(
      loadDataset(
        { kind: 'idx', trainImages: join(dir, 'nothing-here'), trainLabels: join(dir, 'short-labels') },
        unit,
      ),
    ).rejects.toThrow(/Cannot read the IDX training images file .*nothing-here: it does not exist/)
    // Every missing file is named, in the source's order, whichever stat fails first.
    await expect(
      loadDataset(
        { kind: 'cifar-binary', trainBatches: [join(dir, 'batch-1.bin'), join(dir, 'batch-2.bin')] },
        unit,
      ),
    ).rejects.toThrow(
      /^Cannot read the CIFAR-10 training batch .*batch-1\.bin: it does not exist; Cannot read the CIFAR-10 training batch .*batch-2\.bin: it does not exist$/,
    )
  })
})

describe('loadDataset: CIFAR-10 binary batches', () => {
  /** n records; record r has label labelOf(r) and pixel k = (r·7 + k) mod 256. */
  function batch(n: number, labelOf: (r: number) => number, shift = 0): Uint8Array {
    const out = new Uint8Array(n * CIFAR_RECORD_BYTES)
    for (let r = 0; r < n; r++) {
      out[r * CIFAR_RECORD_BYTES] = labelOf(r)
      for (let k = 0; k < 3072; k++) out[r * CIFAR_RECORD_BYTES + 1 + k] = (r * 7 + k + shift) % 256
    }
    return out
  }

  it('reads planar RGB records with the class names of batches.meta.txt, in RGB and in grey', async () => {
    await writeFile(
      join(dir, 'data_batch_1.bin'),
      batch(3, (r) => [1, 0, 1][r]!),
    )
    await writeFile(
      join(dir, 'data_batch_2.bin'),
      batch(2, () => 2, 100),
    )
    await writeFile(
      join(dir, 'test_batch.bin'),
      batch(1, () => 0, 50),
    )
    await writeFile(join(dir, 'batches.meta.txt'), 'plane\ncar\nbird\n')
    const source = {
      kind: 'cifar-binary',
      trainBatches: [join(dir, 'data_batch_1.bin'), join(dir, 'data_batch_2.bin')],
      testBatch: join(dir, 'test_batch.bin'),
    } as const
    const rgb = await loadDataset(source, { colour: 'rgb', scale: 'none', lectureExact: true })
    expect(rgb.classes).toEqual(['plane', 'car', 'bird'])
    expect(rgb.sampleShape).toEqual([3, 32, 32])
    expect(Array.from(rgb.train.y)).toEqual([0, 1, 1, 2, 2])
    // sample 0 is record 1 of batch 1: R plane starts at 7, G at (7 + 1024) mod 256, B at (7 + 2048) mod 256
    expect([rgb.train.x[0], rgb.train.x[1024], rgb.train.x[2048]]).toEqual([7, 7, 7])
    expect(rgb.train.x[1]).toBe(8)
    // sample 3 is record 0 of batch 2 (shift 100)
    expect(rgb.train.x[3 * 3072]).toBe(100)
    expect(rgb.test!.x[5]).toBe(55)

    const grey = await loadDataset(source, { colour: 'grey', size: 16, scale: 'none', lectureExact: true })
    expect(grey.sampleShape).toEqual([1, 16, 16])
    // the same as Pillow's convert('L') then resize((16, 16)) of that record
    const planes = batch(1, () => 0, 50).subarray(1)
    const interleaved = Uint8Array.from(
      { length: 3072 },
      (_, i) => planes[(i % 3) * 1024 + Math.floor(i / 3)]!,
    )
    const expected = pillowResize(convertL({ width: 32, height: 32, channels: 3, data: interleaved }), 16, 16)
    expect(Uint8Array.from(grey.test!.x)).toEqual(expected.data)
  })
})

describe('loadDataset: built-in MNIST', () => {
  it('first 10 per class: 100 training and 100 test images, 28×28, decoded on the worker threads', async () => {
    const data = await loadDataset({ kind: 'mnist' }, unit, { perClassLimit: 10, testPerClassLimit: 10 })
    expect(data.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(data.sampleShape).toEqual([1, 28, 28])
    expect([data.train.count, data.test!.count, data.train.x.length]).toEqual([100, 100, 100 * 784])
    const counts = (y: Int32Array) => Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length)
    expect(counts(data.train.y)).toEqual(new Array(10).fill(10))
    expect(counts(data.test!.y)).toEqual(new Array(10).fill(10))
    expect(data.stats.threads).toBeGreaterThan(0)
    // the first training image (index 0) is a 5: the first sample of class 5
    const five = (await loadBuiltinMnist('train')).labels.indexOf(5)
    expect(five).toBe(0)
    const image0 = imageAt(await loadBuiltinMnist('train'), 0)
    expect(Array.from(data.train.x.subarray(50 * 784, 51 * 784))).toEqual(
      Array.from(image0, (v) => Math.fround(v / 255)),
    )
  })
})
