/**
 * Turning a plane of filter outputs into pixels: values are mapped linearly from [min, max] to
 * 0–255 grey (a constant plane shows mid-grey), the way feature maps are usually displayed.
 */
export interface Range {
  min: number
  max: number
}

export function planeRange(data: Float32Array): Range {
  let min = Infinity
  let max = -Infinity
  for (const v of data) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return data.length === 0 ? { min: 0, max: 0 } : { min, max }
}

/** RGBA bytes (for ImageData) of a plane shown over `range`. */
export function planeToRgba(data: Float32Array, range: Range): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(data.length * 4))
  const span = range.max - range.min
  for (let i = 0; i < data.length; i++) {
    const g = span > 0 ? Math.round(((data[i]! - range.min) / span) * 255) : 128
    out[4 * i] = g
    out[4 * i + 1] = g
    out[4 * i + 2] = g
    out[4 * i + 3] = 255
  }
  return out
}

/** A value as the bench prints it: up to 3 decimals, a true minus sign. */
export function formatValue(v: number): string {
  const rounded = Number(v.toFixed(3))
  return (rounded < 0 ? '−' : '') + String(Math.abs(rounded))
}
