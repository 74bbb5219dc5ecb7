import { finiteRange, toByte, type ValueRange } from '../../../../shared/figures/raster'

/**
 * Live reconstructions (training.preview) as canvas pixels. A preview sends each sample as a flat
 * array of `sampleShape` values: (C, Y, X) images (C = 1 grey, 3 planar RGB) or (F) vectors of a
 * square grey image (the lecture's 28 × 28 = 784 inputs). An input and its reconstruction are drawn
 * over one range, their joint min … max, so their brightness compares; bytes as the figures map them.
 */
export interface PreviewImage {
  channels: 1 | 3
  height: number
  width: number
}

export function previewImageShape(sampleShape: readonly number[]): PreviewImage | null {
  if (sampleShape.length === 3) {
    const [c, h, w] = sampleShape as [number, number, number]
    return c === 1 || c === 3 ? { channels: c, height: h, width: w } : null
  }
  if (sampleShape.length === 1) {
    const side = Math.round(Math.sqrt(sampleShape[0]!))
    return side * side === sampleShape[0] ? { channels: 1, height: side, width: side } : null
  }
  return null
}

export function pairRange(input: ArrayLike<number>, output: ArrayLike<number>): ValueRange {
  const plane = (data: ArrayLike<number>) => ({ channels: 1 as const, height: 1, width: data.length, data })
  return finiteRange([plane(input), plane(output)]) ?? { lo: 0, hi: 0 }
}

/** RGBA bytes (ImageData) of one sample's planar values. */
export function previewRgba(
  values: ArrayLike<number>,
  image: PreviewImage,
  range: ValueRange,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = image.height * image.width
  const out = new Uint8ClampedArray(new ArrayBuffer(pixels * 4))
  for (let p = 0; p < pixels; p++) {
    for (let k = 0; k < 3; k++) {
      const c = image.channels === 3 ? k : 0
      out[4 * p + k] = toByte(values[c * pixels + p] ?? Number.NaN, range)
    }
    out[4 * p + 3] = 255
  }
  return out
}

/** One job's newest reconstructions, as a preview carries them. */
export interface ChannelPreview {
  sampleShape: readonly number[]
  indices: readonly number[]
  inputs: readonly (readonly number[])[]
  outputs: readonly (readonly number[])[]
}

/**
 * The homework's three channel autoencoders (jobs R, G, B) put back together: when each has
 * reconstructed the same test images, input and output of each image become one planar RGB sample
 * (3, Y, X) — R's values, then G's, then B's. Null until all three agree on the images and shape.
 */
export function recombinePreviews(channels: readonly (ChannelPreview | undefined)[]): ChannelPreview | null {
  const [r, g, b] = channels
  if (!r || !g || !b || channels.length !== 3) return null
  const image = previewImageShape(r.sampleShape)
  if (!image || image.channels !== 1) return null
  const same = (p: ChannelPreview) =>
    p.sampleShape.join() === r.sampleShape.join() && p.indices.join() === r.indices.join()
  if (!same(g) || !same(b)) return null
  const join = (pick: (p: ChannelPreview) => readonly (readonly number[])[], i: number) => [
    ...(pick(r)[i] ?? []),
    ...(pick(g)[i] ?? []),
    ...(pick(b)[i] ?? []),
  ]
  return {
    sampleShape: [3, image.height, image.width],
    indices: r.indices,
    inputs: r.indices.map((_, i) => join((p) => p.inputs, i)),
    outputs: r.indices.map((_, i) => join((p) => p.outputs, i)),
  }
}
