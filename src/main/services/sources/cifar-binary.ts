/**
 * CIFAR-10 "binary version" batches (cifar-10-batches-bin): data_batch_1.bin … data_batch_5.bin and
 * test_batch.bin, 10 000 records each; a record is
 *   1 label byte (0–9) + 1024 R + 1024 G + 1024 B bytes (32×32, row-major)  = 3073 bytes,
 * i.e. the image is already planar (C, H, W) = (3, 32, 32). Class names come from batches.meta.txt
 * (one per line) when it is there, else the CIFAR-10 names.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CIFAR10_CLASSES } from '../../../shared/datasets/cifar10'
import { DatasetSourceError, type LabelledImages } from './labelled-images'

export { CIFAR10_CLASSES }

const SIDE = 32
const PIXELS = 3 * SIDE * SIDE
export const CIFAR_RECORD_BYTES = 1 + PIXELS

export const CIFAR_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`)
export const CIFAR_TEST_FILES = ['test_batch.bin']

/** Split one or more concatenated batch files (in memory) into images and labels. */
export function parseCifarBatches(
  batches: readonly { name: string; bytes: Uint8Array }[],
  classes: readonly string[] = CIFAR10_CLASSES,
): LabelledImages {
  let count = 0
  for (const { name, bytes } of batches) {
    if (bytes.length === 0 || bytes.length % CIFAR_RECORD_BYTES !== 0) {
      throw new DatasetSourceError(
        `${name}: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD_BYTES}-byte CIFAR-10 records ` +
          '(1 label byte + 3072 pixel bytes); the file is truncated or not a CIFAR-10 binary batch',
      )
    }
    count += bytes.length / CIFAR_RECORD_BYTES
  }
  const images = new Uint8Array(count * PIXELS)
  const labels = new Uint8Array(count)
  let i = 0
  for (const { name, bytes } of batches) {
    for (let r = 0; r < bytes.length; r += CIFAR_RECORD_BYTES, i++) {
      const label = bytes[r]
      if (label >= classes.length) {
        throw new DatasetSourceError(
          `${name}: record ${r / CIFAR_RECORD_BYTES} has label ${label}, but there are ${classes.length} classes`,
        )
      }
      labels[i] = label
      images.set(bytes.subarray(r + 1, r + CIFAR_RECORD_BYTES), i * PIXELS)
    }
  }
  return { images, labels, count, channels: 3, height: SIDE, width: SIDE, classes }
}

/** Class names from batches.meta.txt: one per line, blank lines ignored. */
export function parseCifarMeta(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

/**
 * Read the train and test batches of a cifar-10-batches-bin folder. A missing batch file is skipped
 * (a folder may hold only some); a folder with no batch at all is an error.
 */
export async function readCifarBinaryDir(
  dir: string,
): Promise<{ train: LabelledImages; test: LabelledImages }> {
  const meta = await readFile(join(dir, 'batches.meta.txt'), 'utf8').catch(() => undefined)
  const classes = meta !== undefined ? parseCifarMeta(meta) : [...CIFAR10_CLASSES]
  if (classes.length === 0)
    throw new DatasetSourceError(`${join(dir, 'batches.meta.txt')}: lists no class names`)
  const load = async (names: readonly string[]) => {
    const found: { name: string; bytes: Uint8Array }[] = []
    for (const name of names) {
      const bytes = await readFile(join(dir, name)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined
        throw e
      })
      if (bytes)
        found.push({
          name: join(dir, name),
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        })
    }
    return found
  }
  const [train, test] = await Promise.all([load(CIFAR_TRAIN_FILES), load(CIFAR_TEST_FILES)])
  if (train.length === 0 && test.length === 0) {
    throw new DatasetSourceError(
      `${dir}: no CIFAR-10 binary batches (expected ${CIFAR_TRAIN_FILES[0]} … and ${CIFAR_TEST_FILES[0]})`,
    )
  }
  const empty = parseCifarBatchesOrEmpty
  return { train: empty(train, classes), test: empty(test, classes) }
}

function parseCifarBatchesOrEmpty(
  batches: { name: string; bytes: Uint8Array }[],
  classes: readonly string[],
): LabelledImages {
  if (batches.length > 0) return parseCifarBatches(batches, classes)
  return {
    images: new Uint8Array(0),
    labels: new Uint8Array(0),
    count: 0,
    channels: 3,
    height: SIDE,
    width: SIDE,
    classes,
  }
}
