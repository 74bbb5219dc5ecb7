/**
 * Images as the figures take them and how their values become grey levels.
 *
 * An ImagePlane is one picture in the engine's layout: planar (C, H, W) float values, C = 1 (grey)
 * or 3 (RGB). Values map to bytes linearly over a range [lo, hi]:
 *   byte = round(255 · clamp((v − lo) / (hi − lo), 0, 1))
 * where the range is the min–max of the tile ('tile', what matplotlib's imshow does for each
 * subplot of the lecture's figures), of all tiles ('global'), of the tiles in one grid row ('row'),
 * or fixed ({ min, max }, e.g. [0, 1] for reconstructions of pixel/255 data). An RGB tile's range
 * spans its three channels, so its colours keep their balance. Only finite values take part in a
 * min–max; NaN shows as 0, ±∞ clamp. A constant range (hi = lo) shows as 0, as in matplotlib.
 */
import { FigureError } from './errors'
import { encodePng } from './png-encode'

export interface ImagePlane {
  readonly channels: 1 | 3
  readonly height: number
  readonly width: number
  /** channels · height · width values, planar (C, H, W), row-major. */
  readonly data: ArrayLike<number>
}

export type Normalisation = 'tile' | 'row' | 'global' | { readonly min: number; readonly max: number }

export interface ValueRange {
  readonly lo: number
  readonly hi: number
}

export function checkPlane(plane: ImagePlane, what: string): void {
  const { channels, height, width, data } = plane
  if (channels !== 1 && channels !== 3) {
    throw new FigureError(`${what}: an image has 1 (grey) or 3 (RGB) channels, got ${channels}`)
  }
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new FigureError(`${what}: image size must be positive integers, got ${height}×${width}`)
  }
  if (data.length !== channels * height * width) {
    throw new FigureError(
      `${what}: a (${channels}, ${height}, ${width}) image holds ${channels * height * width} values, ` +
        `got ${data.length}`,
    )
  }
}

/** Min and max of the finite values, or undefined when there are none. */
export function finiteRange(planes: readonly ImagePlane[]): ValueRange | undefined {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const { data } of planes) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i]
      if (!Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  return lo <= hi ? { lo, hi } : undefined
}

/** The byte a value shows as under a range (see the file comment). */
export function toByte(v: number, range: ValueRange): number {
  if (Number.isNaN(v) || !(range.hi > range.lo)) return 0
  const t = (v - range.lo) / (range.hi - range.lo)
  return t <= 0 ? 0 : t >= 1 ? 255 : Math.round(255 * t)
}

/** The PNG of a plane under a range: grey (1 channel) or RGB (3), interleaved for PNG. */
export function planeToPng(plane: ImagePlane, range: ValueRange): Uint8Array {
  const { channels, height, width, data } = plane
  const pixels = height * width
  const bytes = new Uint8Array(pixels * channels)
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < pixels; p++) bytes[p * channels + c] = toByte(data[c * pixels + p], range)
  }
  return encodePng({ width, height, channels, data: bytes })
}

const EMPTY: ValueRange = { lo: 0, hi: 0 }

/** The range of every cell of a grid (rows × columns; null = empty cell) under a normalisation. */
export function gridRanges(
  cells: readonly (readonly (ImagePlane | null)[])[],
  normalisation: Normalisation,
): (ValueRange | null)[][] {
  if (typeof normalisation === 'object') {
    const { min, max } = normalisation
    if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
      throw new FigureError(`normalisation: a fixed range needs finite min < max, got [${min}, ${max}]`)
    }
    return cells.map((row) => row.map((cell) => (cell ? { lo: min, hi: max } : null)))
  }
  const present = (row: readonly (ImagePlane | null)[]): ImagePlane[] =>
    row.filter((c): c is ImagePlane => c !== null)
  if (normalisation === 'global') {
    const range = finiteRange(cells.flatMap(present)) ?? EMPTY
    return cells.map((row) => row.map((cell) => (cell ? range : null)))
  }
  if (normalisation === 'row') {
    return cells.map((row) => {
      const range = finiteRange(present(row)) ?? EMPTY
      return row.map((cell) => (cell ? range : null))
    })
  }
  if (normalisation === 'tile') {
    return cells.map((row) => row.map((cell) => (cell ? (finiteRange([cell]) ?? EMPTY) : null)))
  }
  throw new FigureError(
    `normalisation: expected 'tile', 'row', 'global' or { min, max }, got ${String(normalisation)}`,
  )
}
