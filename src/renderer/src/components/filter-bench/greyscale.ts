/**
 * Pillow's convert('L') on RGBA pixels as a canvas returns them (ImageData), bit for bit:
 *
 *   L = (19595·R + 38470·G + 7471·B + 0x8000) >> 16      ≈ (299·R + 587·G + 114·B)/1000
 *
 * in Pillow's 16-bit fixed point (libImaging/Convert.c): the weights sum to 2¹⁶, so grey stays grey,
 * and adding 2¹⁵ rounds to nearest with halves up. Alpha is ignored, as Pillow ignores it.
 */
export function greyFromRgba(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height
  if (rgba.length !== 4 * n) {
    throw new RangeError(`greyscale: ${width} × ${height} RGBA needs ${4 * n} bytes, got ${rgba.length}`)
  }
  const out = new Float32Array(n)
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i] = (19595 * rgba[j]! + 38470 * rgba[j + 1]! + 7471 * rgba[j + 2]! + 0x8000) >>> 16
  }
  return out
}
