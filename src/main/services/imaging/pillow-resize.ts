/**
 * Pillow's `Image.resize((w, h), filter)` for 8-bit images, bit for bit (Pillow 9.4 as in Debian's
 * python3-pil; the algorithm is unchanged since Pillow 4). With no filter argument Pillow uses
 * BICUBIC for L and RGB images: that is the lecture's `resize((size, size))`.
 *
 * Planar input (C, H, W) → planar output (C, h, w); every channel is filtered independently with the
 * same coefficients, as Pillow does for the bands of an RGB image.
 *
 * Convolution filters (box, bilinear, bicubic) — libImaging/Resample.c, two separable passes:
 *   1. horizontal, only if w ≠ W: for each needed input row y,
 *        t[y][xx] = clip8((2²¹ + Σₓ src[y][start + x]·kₓ) >> 22)
 *      (only rows the vertical pass reads are computed);
 *   2. vertical, only if h ≠ H, on the result of 1:
 *        out[yy][x] = clip8((2²¹ + Σ_y t[start + y][x]·k_y) >> 22)
 *   kₓ, k_y from resample-coeffs.ts; clip8 clamps to 0 … 255. Each pass rounds to 8 bits, so the order
 *   matters: horizontal first, as Pillow does. All sums stay below 2³¹, so JS doubles and the C int32
 *   arithmetic agree exactly, including the arithmetic shift of negative sums.
 * Nearest — libImaging/Geometry.c ImagingScaleAffine: the source column of output column x is
 *   ⌊x₀⌋ where x₀ starts at s/2 (s = W / w) and grows by s per column (accumulated in doubles, like the C).
 */
import { checkRaster, ImagingError, type Raster } from './raster'
import { axisCoeffs, PRECISION_BITS, type AxisCoeffs, type ResampleFilter } from './resample-coeffs'

export type { ResampleFilter } from './resample-coeffs'

const HALF = 1 << (PRECISION_BITS - 1)

function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS
  return v < 0 ? 0 : v > 255 ? 255 : v
}

/** Resize a planar raster (C, H, W) to (C, height, width) like Pillow's resize with `filter`. */
export function pillowResize(
  src: Raster,
  width: number,
  height: number,
  filter: ResampleFilter = 'bicubic',
): Raster {
  checkRaster('pillowResize', src)
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ImagingError(`pillowResize: target size must be positive integers, got ${width}×${height}`)
  }
  if (width === src.width && height === src.height) return { ...src, data: src.data.slice() }
  if (filter === 'nearest') return resizeNearest(src, width, height)

  const vert = axisCoeffs(src.height, height, filter)
  let cur = src
  if (width !== src.width) {
    // rows the vertical pass will read (all of them when the height does not change)
    const first = height !== src.height ? vert.start[0] : 0
    const last = height !== src.height ? vert.start[height - 1] + vert.count[height - 1] : src.height
    cur = horizontalPass(src, axisCoeffs(src.width, width, filter), first, last)
    if (height === src.height) return cur
    return verticalPass(cur, vert, first, height)
  }
  return verticalPass(cur, vert, 0, height)
}

/** Rows first … last−1 of every plane, each resampled to coeffs.outSize columns. */
function horizontalPass(src: Raster, co: AxisCoeffs, first: number, last: number): Raster {
  const { width: inW, height: inH, channels, data } = src
  const outW = co.outSize
  const rows = last - first
  const out = new Uint8Array(channels * rows * outW)
  const { ksize, start, count, weights } = co
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < rows; y++) {
      const rowIn = (c * inH + y + first) * inW
      const rowOut = (c * rows + y) * outW
      for (let xx = 0; xx < outW; xx++) {
        const base = rowIn + start[xx]
        const k = xx * ksize
        let ss = HALF
        for (let x = 0, n = count[xx]; x < n; x++) ss += data[base + x] * weights[k + x]
        out[rowOut + xx] = clip8(ss)
      }
    }
  }
  return { width: outW, height: rows, channels, data: out }
}

/** Resample every plane's columns to `height` rows; `offset` = input row of src's row 0. */
function verticalPass(src: Raster, co: AxisCoeffs, offset: number, height: number): Raster {
  const { width: w, height: inH, channels, data } = src
  const out = new Uint8Array(channels * height * w)
  const { ksize, start, count, weights } = co
  for (let c = 0; c < channels; c++) {
    for (let yy = 0; yy < height; yy++) {
      const k = yy * ksize
      const n = count[yy]
      const base = (c * inH + start[yy] - offset) * w
      const rowOut = (c * height + yy) * w
      for (let x = 0; x < w; x++) {
        let ss = HALF
        for (let y = 0; y < n; y++) ss += data[base + y * w + x] * weights[k + y]
        out[rowOut + x] = clip8(ss)
      }
    }
  }
  return { width: w, height, channels, data: out }
}

/** Source index of each output index: x₀ = s/2, x₀ += s, index = ⌊x₀⌋ (−1 if x₀ < 0, never here). */
function nearestTable(inSize: number, outSize: number): Int32Array {
  const s = inSize / outSize
  const table = new Int32Array(outSize)
  let o = 0 + s * 0.5
  for (let i = 0; i < outSize; i++) {
    table[i] = o < 0 ? -1 : Math.trunc(o)
    o += s
  }
  return table
}

function resizeNearest(src: Raster, width: number, height: number): Raster {
  const { width: inW, height: inH, channels, data } = src
  const xs = nearestTable(inW, width)
  const ys = nearestTable(inH, height)
  const out = new Uint8Array(channels * width * height)
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const yi = ys[y]
      const rowOut = (c * height + y) * width
      if (yi < 0 || yi >= inH) continue // Pillow fills such pixels with 0; not reachable without a box
      const rowIn = (c * inH + yi) * inW
      for (let x = 0; x < width; x++) {
        const xi = xs[x]
        out[rowOut + x] = xi >= 0 && xi < inW ? data[rowIn + xi] : 0
      }
    }
  }
  return { width, height, channels, data: out }
}
