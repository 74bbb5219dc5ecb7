import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CIFAR10_CLASSES,
  CIFAR_RECORD_BYTES,
  parseCifarBatches,
  parseCifarMeta,
  readCifarBinaryDir,
} from './cifar-binary'
import { DatasetSourceError, imageAt } from './labelled-images'

/** n records; record r has label labelOf(r) and pixel k = (r·7 + k) mod 256. */
function batch(n: number, labelOf: (r: number) => number): Uint8Array {
  const out = new Uint8Array(n * CIFAR_RECORD_BYTES)
  for (let r = 0; r < n; r++) {
    out[r * CIFAR_RECORD_BYTES] = labelOf(r)
    for (let k = 0; k < 3072; k++) out[r * CIFAR_RECORD_BYTES + 1 + k] = (r * 7 + k) % 256
  }
  return out
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-cifar-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('CIFAR-10 binary batches', () => {
  it('splits records into planar (3, 32, 32) images and labels', () => {
    const set = parseCifarBatches([{ name: 'b', bytes: batch(4, (r) => (r * 3) % 10) }])
    expect([set.count, set.channels, set.height, set.width]).toEqual([4, 3, 32, 32])
    expect(Array.from(set.labels)).toEqual([0, 3, 6, 9])
    const img2 = imageAt(set, 2)
    expect([img2[0], img2[1024], img2[2048], img2[3071]]).toEqual([
      14,
      (14 + 1024) % 256,
      (14 + 2048) % 256,
      (14 + 3071) % 256,
    ])
    expect(set.classes).toEqual(CIFAR10_CLASSES)
  })

  it('refuses a truncated batch and an out-of-range label', () => {
    expect(() =>
      parseCifarBatches([{ name: 'cut.bin', bytes: batch(2, () => 1).subarray(0, 5000) }]),
    ).toThrow(/cut.bin: 5000 bytes is not a whole number of 3073-byte CIFAR-10 records/)
    expect(() =>
      parseCifarBatches([{ name: 'bad.bin', bytes: batch(3, (r) => (r === 2 ? 10 : 0)) }]),
    ).toThrow(/bad.bin: record 2 has label 10, but there are 10 classes/)
  })

  it('reads a folder: train batches in order, the test batch, class names from batches.meta.txt', async () => {
    await writeFile(
      join(dir, 'data_batch_1.bin'),
      batch(3, (r) => r),
    )
    await writeFile(
      join(dir, 'data_batch_2.bin'),
      batch(2, () => 2),
    )
    await writeFile(
      join(dir, 'test_batch.bin'),
      batch(1, () => 1),
    )
    await writeFile(join(dir, 'batches.meta.txt'), 'plane\ncar\nbird\n\n')
    const { train, test } = await readCifarBinaryDir(dir)
    expect([train.count, Array.from(train.labels)]).toEqual([5, [0, 1, 2, 2, 2]])
    expect([test.count, Array.from(test.labels)]).toEqual([1, [1]])
    expect(train.classes).toEqual(['plane', 'car', 'bird'])
    expect(imageAt(train, 3)[0]).toBe(0) // first record of batch 2: r = 0
  })

  it('parses meta text with CRLF and blank lines; an empty folder is a clear error', async () => {
    expect(parseCifarMeta('airplane\r\nautomobile\r\n\r\n')).toEqual(['airplane', 'automobile'])
    const empty = await mkdtemp(join(tmpdir(), 'dllab-cifar-empty-'))
    await expect(readCifarBinaryDir(empty)).rejects.toThrow(DatasetSourceError)
    await rm(empty, { recursive: true })
  })
})
