import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A small CIFAR-10-style dataset in the published binary format (cifar-10-batches-bin): each record
 * is 1 label byte then 3·32·32 pixel bytes, the R plane, then G, then B, each row by row. Class c's
 * images are a bright square of a colour of its own on a darker ground, shifted a little per image, so
 * the three channels differ (the homework trains one autoencoder per channel).
 */
export const cifarMini = {
  folder: 'cifar-mini',
  train: 'data_batch_1.bin',
  test: 'test_batch.bin',
  perClass: { train: 6, test: 2 },
} as const

const SIDE = 32
const PLANE = SIDE * SIDE

function record(label: number, variant: number): Buffer {
  const bytes = Buffer.alloc(1 + 3 * PLANE)
  bytes[0] = label
  const colour = [(label * 70) % 256, (label * 130 + 60) % 256, (label * 190 + 120) % 256]
  const from = 6 + variant
  for (let channel = 0; channel < 3; channel++) {
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const inside = x >= from && x < from + 16 && y >= from && y < from + 16
        bytes[1 + channel * PLANE + y * SIDE + x] = inside ? colour[channel]! : 20 + 3 * y
      }
    }
  }
  return bytes
}

const batch = (perClass: number, offset: number) =>
  Buffer.concat(Array.from({ length: 10 * perClass }, (_, i) => record(i % 10, offset + Math.floor(i / 10))))

/** Writes <home>/cifar-mini/{data_batch_1.bin, test_batch.bin}; returns the folder. */
export async function createCifarBatches(home: string): Promise<string> {
  const folder = join(home, cifarMini.folder)
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, cifarMini.train), batch(cifarMini.perClass.train, 0))
  await writeFile(join(folder, cifarMini.test), batch(cifarMini.perClass.test, 3))
  return folder
}
