/**
 * Plain 8-bit rasters passed between the imaging steps. Two layouts:
 *   interleaved (H, W, C) — what decoders (sharp, Pillow's tobytes()) deliver;
 *   planar (C, H, W)      — what the resizer works on and what the engine's tensors use.
 * Channel meaning follows Pillow's modes: 1 = L, 2 = LA, 3 = RGB, 4 = RGBA.
 */
export interface Raster {
  readonly width: number
  readonly height: number
  readonly channels: number
  readonly data: Uint8Array
}

/** Something in the imaging pipeline was asked to work on a raster that cannot be what it claims. */
export class ImagingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** Throws unless data.length = width·height·channels with positive integer dimensions. */
export function checkRaster(op: string, r: Raster): void {
  const { width, height, channels, data } = r
  for (const [name, v] of [
    ['width', width],
    ['height', height],
    ['channels', channels],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new ImagingError(`${op}: ${name} must be a positive integer, got ${v}`)
    }
  }
  const expected = width * height * channels
  if (data.length !== expected) {
    throw new ImagingError(
      `${op}: expected ${width}×${height}×${channels} = ${expected} bytes, got ${data.length}; ` +
        'check width, height and channels against the data',
    )
  }
}

/** (H, W, C) → (C, H, W). */
export function toPlanar(r: Raster): Raster {
  checkRaster('toPlanar', r)
  const { width, height, channels, data } = r
  if (channels === 1) return r
  const n = width * height
  const out = new Uint8Array(n * channels)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < channels; c++) out[c * n + i] = data[i * channels + c]
  }
  return { width, height, channels, data: out }
}

/** (C, H, W) → (H, W, C). */
export function toInterleaved(r: Raster): Raster {
  checkRaster('toInterleaved', r)
  const { width, height, channels, data } = r
  if (channels === 1) return r
  const n = width * height
  const out = new Uint8Array(n * channels)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < channels; c++) out[i * channels + c] = data[c * n + i]
  }
  return { width, height, channels, data: out }
}
