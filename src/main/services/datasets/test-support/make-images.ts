/**
 * Small real image files for the dataset tests, encoded by sharp from deterministic pixels, and
 * helpers to lay them out as class folders in a temporary directory.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { lcgBytes } from '../../imaging/test-support/pil-fixtures'

export type Format = 'png' | 'jpeg' | 'webp'

/** An image of seeded noise over a ramp, `channels` 1 or 3, in the given format. */
export async function noiseImage(
  format: Format,
  width: number,
  height: number,
  channels: 1 | 3,
  seed: number,
): Promise<Buffer> {
  const noise = lcgBytes(seed, width * height * channels)
  const pixels = Uint8Array.from(noise, (n, i) => ((i % (width * channels)) * 7 + (n >> 2)) & 255)
  let image = sharp(pixels, { raw: { width, height, channels } })
  if (channels === 1) image = image.toColourspace('b-w')
  return image[format]().toBuffer()
}

/** A grey PNG of one value. */
export function flatGreyPng(width: number, height: number, value: number): Promise<Buffer> {
  return sharp(new Uint8Array(width * height).fill(value), { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer()
}

/** Writes `files` (relative path → bytes) under root, creating folders; empty folders for `dirs`. */
export async function writeTree(
  root: string,
  files: Record<string, Uint8Array | string>,
  dirs: readonly string[] = [],
): Promise<void> {
  for (const dir of dirs) await mkdir(join(root, dir), { recursive: true })
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), bytes)
  }
}
