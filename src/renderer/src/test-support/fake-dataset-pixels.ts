import type { Preprocess } from '../../../shared/experiment/schema'

/**
 * Pictures for the test double of datasets.inspect, and the preprocessing applied to them, so that a test
 * sees preview numbers that follow the options as the service's do: grey has 1 channel and RGB 3,
 * `size` sets Y and X, and the scale decides the range (unit: x/255 ∈ [0, 1]; unit-sum: x/Σx, so
 * the values sum to 1; none: 0 … 255).
 */

/** An image as decoded: 0 … 255 per value, channels last (Y, X, channels), like a decoded PNG. */
export interface RawImage {
  width: number
  height: number
  channels: 1 | 3
  data: Uint8Array
}

/** The network's input: (C, Y, X), channels first. */
export interface InputTensor {
  shape: [number, number, number]
  data: Float32Array
}

/**
 * A `size`×`size` picture: a ring whose radius grows with the class, in `ink` on black, so every
 * class and sample looks different and has both 0 and bright pixels.
 */
export function syntheticImage(
  size: number,
  classIndex: number,
  sample: number,
  ink: readonly number[],
): RawImage {
  const channels = ink.length === 1 ? 1 : 3
  const data = new Uint8Array(size * size * channels)
  const radius = size * (0.15 + 0.025 * classIndex)
  const centre = (size - 1) / 2 + (sample % 3) - 1
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - centre, y - centre)
      if (Math.abs(d - radius) > size / 14) continue
      for (let c = 0; c < channels; c++) data[(y * size + x) * channels + c] = ink[c]!
    }
  }
  return { width: size, height: size, channels, data }
}

/** Pillow's convert('L'): L = R·299/1000 + G·587/1000 + B·114/1000. */
const luma = (r: number, g: number, b: number) => (r * 299 + g * 587 + b * 114) / 1000

/** Applies the preprocessing: colour, nearest-neighbour resize to size × size, scale. */
export function preprocessImage(image: RawImage, options: Preprocess): InputTensor {
  const channels = options.colour === 'grey' ? 1 : 3
  const height = options.size ?? image.height
  const width = options.size ?? image.width
  const data = new Float32Array(channels * height * width)
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / height))
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / width))
      const at = (sy * image.width + sx) * image.channels
      const rgb =
        image.channels === 1
          ? [image.data[at]!, image.data[at]!, image.data[at]!]
          : [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!]
      const values = channels === 1 ? [Math.round(luma(rgb[0]!, rgb[1]!, rgb[2]!))] : rgb
      values.forEach((value, c) => (data[(c * height + y) * width + x] = value))
    }
  }
  scale(data, options.scale)
  return { shape: [channels, height, width], data }
}

function scale(data: Float32Array, how: Preprocess['scale']): void {
  if (how === 'none') return
  let divisor = 255
  if (how === 'unit-sum') {
    divisor = data.reduce((sum, value) => sum + value, 0)
    if (divisor === 0) return
  }
  for (let i = 0; i < data.length; i++) data[i] = data[i]! / divisor
}

export function statistics(data: Float32Array): { min: number; max: number; mean: number } {
  let min = Infinity
  let max = -Infinity
  let sum = 0
  for (const value of data) {
    min = Math.min(min, value)
    max = Math.max(max, value)
    sum += value
  }
  return { min, max, mean: sum / data.length }
}

/** How the service words the preprocessing, e.g. "grey, 28×28, scaled to [0, 1]". */
export function describePreprocess(options: Preprocess, shape: readonly number[]): string {
  const scaleWords = { unit: 'scaled to [0, 1]', 'unit-sum': 'scaled to sum 1', none: '0 … 255' }
  const parts = [
    options.colour === 'grey' ? 'grey' : 'RGB',
    `${shape[1]}×${shape[2]}`,
    scaleWords[options.scale],
  ]
  if (options.lectureExact) parts.push('lecture-exact')
  return parts.join(', ')
}
