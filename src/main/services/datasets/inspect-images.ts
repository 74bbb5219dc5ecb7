/**
 * Pictures and numbers for a dataset inspection (inspect.ts): a preprocessed sample (C, Y, X) drawn
 * as a PNG at its own size, its min / max / mean, the preprocessing in words, and class thumbnails
 * from samples decoded without scaling.
 */
import sharp, { type Sharp } from 'sharp'
import type { PreprocessOptions } from '../imaging/preprocess'
import { thumbnailSize } from './image-check'

/** (C, Y, X) float32, C = 1 (grey) or 3 (R, G, B planes). */
export interface SampleTensor {
  readonly data: Float32Array
  readonly shape: readonly [number, number, number]
}

export interface SampleStats {
  min: number
  max: number
  mean: number
}

export function sampleStats(data: Float32Array): SampleStats {
  let min = Infinity
  let max = -Infinity
  let sum = 0
  for (const v of data) {
    if (v < min) min = v
    if (v > max) max = v
    sum += v
  }
  return data.length === 0 ? { min: 0, max: 0, mean: 0 } : { min, max, mean: sum / data.length }
}

/**
 * The value drawn as white (255); 0 is drawn black and values in between linearly. unit: 1 (x / 255
 * ∈ [0, 1]); none: 255; unit-sum: the sample's own largest value, because x / Σx is tiny (≈ 1/784 on
 * MNIST) and its range differs per image.
 */
export function whiteValue(scale: PreprocessOptions['scale'], stats: SampleStats): number {
  if (scale === 'unit') return 1
  if (scale === 'none') return 255
  return stats.max > 0 ? stats.max : 1
}

/** Planar (C, Y, X) values → interleaved bytes round(255 · v / white), clamped to 0 … 255. */
export function toBytes(tensor: SampleTensor, white: number): Uint8Array {
  const [channels, height, width] = tensor.shape
  const plane = height * width
  const out = new Uint8Array(plane * channels)
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < plane; p++) {
      const v = Math.round((255 * tensor.data[c * plane + p]!) / white)
      out[p * channels + c] = v < 0 ? 0 : v > 255 ? 255 : v
    }
  }
  return out
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`

function rawImage(bytes: Uint8Array, shape: readonly [number, number, number]): Sharp {
  const [channels, height, width] = shape
  const image = sharp(bytes, { raw: { width, height, channels: channels as 1 | 3 } })
  // without this, sharp writes a grey raster as an RGB PNG
  return channels === 1 ? image.toColourspace('b-w') : image
}

/** The sample as the network sees it: a PNG of exactly Y × X pixels (see whiteValue for the mapping). */
export async function samplePng(tensor: SampleTensor, white: number): Promise<string> {
  return dataUrl(await rawImage(toBytes(tensor, white), tensor.shape).png().toBuffer())
}

/** R, G and B planes all equal (a grey image decoded as RGB). */
function isGreyRgb(tensor: SampleTensor): boolean {
  const [channels, height, width] = tensor.shape
  if (channels !== 3) return false
  const plane = height * width
  for (let p = 0; p < plane; p++) {
    const r = tensor.data[p]
    if (tensor.data[plane + p] !== r || tensor.data[2 * plane + p] !== r) return false
  }
  return true
}

/**
 * A 48 × 48 thumbnail of an unscaled sample (values 0 … 255), fitted on a neutral grey like the class
 * folder scan's; small images are enlarged with nearest neighbour so MNIST's pixels stay crisp. A
 * grey image decoded as RGB is stored as one grey channel.
 */
export async function thumbnailPng(tensor: SampleTensor): Promise<string> {
  const [, height, width] = tensor.shape
  const grey = isGreyRgb(tensor)
  const shape: [number, number, number] = [grey ? 1 : tensor.shape[0], height, width]
  const data = grey ? tensor.data.subarray(0, height * width) : tensor.data
  const png = await rawImage(toBytes({ data, shape }, 255), shape)
    .resize(thumbnailSize, thumbnailSize, {
      fit: 'contain',
      kernel: Math.max(width, height) <= thumbnailSize ? 'nearest' : 'lanczos3',
      background: { r: 128, g: 128, b: 128, alpha: 1 },
    })
    .flatten({ background: { r: 128, g: 128, b: 128 } })
    .png()
    .toBuffer()
  return dataUrl(png)
}

/**
 * The preprocessing in words, e.g. "grey, resized to 14×14, scaled to unit sum (x / Σx), Pillow-exact
 * (lecture)"; `shape` (C, Y, X), when known, gives the size of images kept at their own size.
 */
export function describePreprocess(preprocess: PreprocessOptions, shape?: readonly number[]): string {
  const colour = preprocess.colour === 'grey' ? 'grey' : 'RGB'
  const own = shape ? `${shape[2]}×${shape[1]} (own size)` : 'own size'
  const size = preprocess.size !== undefined ? `resized to ${preprocess.size}×${preprocess.size}` : own
  const scale =
    preprocess.scale === 'unit'
      ? 'scaled to [0, 1] (x / 255)'
      : preprocess.scale === 'unit-sum'
        ? 'scaled to unit sum (x / Σx)'
        : 'not scaled (0 … 255)'
  return [colour, size, scale, ...(preprocess.lectureExact ? ['Pillow-exact (lecture)'] : [])].join(', ')
}
