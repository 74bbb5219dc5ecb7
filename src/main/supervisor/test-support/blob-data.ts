import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EXPERIMENT_FORMAT } from '../../../shared/experiment'

/**
 * Tiny real datasets for the supervisor's tests, written as IDX files (the format MNIST ships in) so
 * the workers load them through the real dataset service: 8×8 grey "images", class 0 bright in the
 * top-left quadrant, class 1 in the bottom-right, plus seeded noise. Colour variants (3 channels,
 * IDX (N, H, W, 3)) feed per-channel-autoencode.
 */
function idx(type: number, dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length)
  const view = new DataView(header.buffer)
  view.setUint8(2, type)
  view.setUint8(3, dims.length)
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d))
  const out = new Uint8Array(header.length + data.length)
  out.set(header)
  out.set(data, header.length)
  return out
}

/** A small LCG (Numerical Recipes' constants), enough for noise in test images: uniform in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function blobImages(
  perClass: number,
  seed: number,
  channels: number,
): { images: Uint8Array; labels: Uint8Array } {
  const n = perClass * 2
  const images = new Uint8Array(n * 64 * channels)
  const labels = new Uint8Array(n)
  const rand = lcg(seed)
  for (let s = 0; s < n; s++) {
    const c = s % 2
    labels[s] = c
    for (let p = 0; p < 64; p++) {
      const r = Math.floor(p / 8)
      const col = p % 8
      const bright = c === 0 ? r < 4 && col < 4 : r >= 4 && col >= 4
      for (let ch = 0; ch < channels; ch++) {
        const v = (bright ? 180 - 40 * ch : 0) + Math.floor(70 * rand())
        images[(s * 64 + p) * channels + ch] = v
      }
    }
  }
  return { images, labels }
}

export interface BlobFiles {
  trainImages: string
  trainLabels: string
  testImages: string
  testLabels: string
}

/** Writes train (perClass × 2) and test (8 × 2) blob IDX files into `dir`. */
export async function writeBlobIdx(dir: string, perClass = 16, channels = 1): Promise<BlobFiles> {
  await mkdir(dir, { recursive: true })
  const files: BlobFiles = {
    trainImages: join(dir, 'train-images.idx'),
    trainLabels: join(dir, 'train-labels.idx'),
    testImages: join(dir, 'test-images.idx'),
    testLabels: join(dir, 'test-labels.idx'),
  }
  const dims = (n: number) => (channels === 1 ? [n, 8, 8] : [n, 8, 8, channels])
  const train = blobImages(perClass, 1, channels)
  const test = blobImages(8, 2, channels)
  await writeFile(files.trainImages, idx(0x08, dims(perClass * 2), train.images))
  await writeFile(files.trainLabels, idx(0x08, [perClass * 2], train.labels))
  await writeFile(files.testImages, idx(0x08, dims(16), test.images))
  await writeFile(files.testLabels, idx(0x08, [16], test.labels))
  return files
}

export const classifierModel = {
  format: 'dllab.model/1',
  name: 'blob classifier',
  input: { channels: 1, height: 8, width: 8 },
  init: { scheme: 'glorot' },
  layers: [
    { type: 'flatten', name: 'flat' },
    { type: 'dense', name: 'hidden', units: 8, activation: 'relu' },
    { type: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
}

/** One channel's autoencoder (per-channel-autoencode trains one per colour plane). */
export const channelAutoencoder = {
  format: 'dllab.model/1',
  name: 'blob channel autoencoder',
  input: { channels: 1, height: 8, width: 8 },
  init: { scheme: 'glorot' },
  layers: [
    { type: 'flatten', name: 'flat' },
    { type: 'dense', name: 'code', units: 4, activation: 'sigmoid' },
    { type: 'dense', name: 'decoder', units: 64, activation: 'sigmoid' },
  ],
}

/** A classify experiment on the blob files, with `training` merged in. */
export function blobClassifier(
  files: BlobFiles,
  training: Record<string, unknown> = {},
  name = 'blobs',
): unknown {
  return {
    format: EXPERIMENT_FORMAT,
    name,
    data: { source: { kind: 'idx', ...files }, preprocess: { colour: 'grey' } },
    model: classifierModel,
    task: { kind: 'classify' },
    training: { epochs: 3, batchSize: 4, optimizer: { name: 'adam', lr: 0.01 }, seed: 3, ...training },
  }
}

/** A per-channel-autoencode experiment on colour blob files (written with channels = 3). */
export function blobPerChannel(files: BlobFiles, training: Record<string, unknown> = {}): unknown {
  return {
    format: EXPERIMENT_FORMAT,
    name: 'colour blobs per channel',
    data: { source: { kind: 'idx', ...files }, preprocess: { colour: 'rgb' } },
    model: channelAutoencoder,
    task: { kind: 'per-channel-autoencode', channels: ['R', 'G', 'B'] },
    training: { epochs: 2, batchSize: 4, optimizer: { name: 'sgd', lr: 0.5 }, seed: 5, ...training },
  }
}
