import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { lcg } from '../../main/supervisor/test-support/blob-data'
import { EXPERIMENT_FORMAT } from '../../shared/experiment'
import { classifierSpec } from '../../worker/training/test-support/blobs'

/**
 * Tiny class-folder datasets for the CLI's tests, written as real PNG files: 8×8 grey images, class
 * "top" bright in the upper half, "bottom" in the lower half, with seeded noise — and, on request,
 * files training must skip: a zero-byte PNG, a truncated PNG, and a text file named .jpg.
 */
async function blobPng(top: boolean, rand: () => number): Promise<Buffer> {
  const pixels = new Uint8Array(64)
  for (let p = 0; p < 64; p++) {
    const upper = p < 32
    pixels[p] = (upper === top ? 170 : 10) + Math.floor(60 * rand())
  }
  return sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer()
}

export const BAD_FILES = ['top/empty.png', 'top/truncated.png', 'bottom/notes.jpg'] as const

/** Writes root/{top,bottom}/<i>.png; with `corrupt`, also BAD_FILES. Returns the usable image count. */
export async function writeBlobFolders(
  root: string,
  perClass: number,
  seed: number,
  corrupt = false,
): Promise<number> {
  const rand = lcg(seed)
  for (const cls of ['top', 'bottom']) {
    await mkdir(join(root, cls), { recursive: true })
    for (let i = 1; i <= perClass; i++)
      await writeFile(join(root, cls, `${i}.png`), await blobPng(cls === 'top', rand))
  }
  if (corrupt) {
    const good = await blobPng(true, rand)
    await writeFile(join(root, BAD_FILES[0]), new Uint8Array(0))
    await writeFile(join(root, BAD_FILES[1]), good.subarray(0, good.length - 30))
    await writeFile(join(root, BAD_FILES[2]), 'not an image\n')
  }
  return perClass * 2
}

/** Writes root/{red,blue}/<i>.png: 8×8 RGB images, mostly red or mostly blue, with seeded noise. */
export async function writeRgbFolders(root: string, perClass: number, seed: number): Promise<void> {
  const rand = lcg(seed)
  for (const cls of ['red', 'blue']) {
    await mkdir(join(root, cls), { recursive: true })
    for (let i = 1; i <= perClass; i++) {
      const pixels = Uint8Array.from({ length: 64 * 3 }, (_, k) => {
        const strong = (k % 3 === 0) === (cls === 'red') && k % 3 !== 1
        return (strong ? 160 : 20) + Math.floor(80 * rand())
      })
      const png = await sharp(pixels, { raw: { width: 8, height: 8, channels: 3 } })
        .png()
        .toBuffer()
      await writeFile(join(root, cls, `${i}.png`), png)
    }
  }
}

/** An experiment on those folders (relative paths: resolved against the experiment file's folder). */
export function blobExperiment(epochs: number, seed = 3): unknown {
  return {
    format: EXPERIMENT_FORMAT,
    name: 'blobs',
    description: 'top or bottom: a two-class test set',
    data: {
      source: { kind: 'folder', train: 'blobs/train', test: 'blobs/test' },
      preprocess: { colour: 'grey', scale: 'unit' },
    },
    model: classifierSpec,
    task: { kind: 'classify' },
    training: {
      epochs,
      batchSize: 1,
      sampling: { kind: 'shuffle' },
      optimizer: { name: 'sgd', lr: 0.05 },
      seed,
      checkpointEvery: 1,
    },
  }
}
