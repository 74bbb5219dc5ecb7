/**
 * Pillow's `Image.convert('L')` and `Image.convert('RGB')` on 8-bit rasters, bit for bit.
 *
 * Input: an interleaved raster (H, W, C) as a decoder delivers it, C = 1 (L), 2 (LA), 3 (RGB) or
 * 4 (RGBA). Palette images arrive already expanded to RGB(A) by the decoder; Pillow's P → L applies
 * the same formula to the palette colour, so the result is the same.
 *
 * convert('L') from RGB(A) — ITU-R 601-2 luma in Pillow's 16-bit fixed point (libImaging/Convert.c):
 *     L = (19595·R + 38470·G + 7471·B + 0x8000) >> 16
 * 19595 + 38470 + 7471 = 65536 = 2¹⁶ (≈ 0.299, 0.587, 0.114), so a grey pixel keeps its level, and
 * adding 0x8000 = 2¹⁵ before the shift rounds to nearest with halves up. Alpha is ignored (no
 * compositing); LA → L keeps L.
 * convert('RGB'): L and LA replicate L into R, G, B; RGBA drops alpha (no compositing either).
 */
import { checkRaster, ImagingError, type Raster } from './raster'

/** 2¹⁶ · (0.299, 0.587, 0.114), rounded so that the three sum to exactly 2¹⁶. */
export const LUMA_R = 19595
export const LUMA_G = 38470
export const LUMA_B = 7471

function checkChannels(op: string, channels: number): void {
  if (channels < 1 || channels > 4) {
    throw new ImagingError(
      `${op}: expected 1 (L), 2 (LA), 3 (RGB) or 4 (RGBA) channels, got ${channels}; ` +
        'CMYK and other colour spaces are not converted the way Pillow does',
    )
  }
}

/** Pillow's convert('L'): interleaved (H, W, C) → one plane (H, W). */
export function convertL(src: Raster): Raster {
  checkRaster('convertL', src)
  const { width, height, channels, data } = src
  checkChannels('convertL', channels)
  const n = width * height
  if (channels === 1) return { width, height, channels: 1, data: data.slice() }
  const out = new Uint8Array(n)
  if (channels === 2) {
    for (let i = 0; i < n; i++) out[i] = data[2 * i]
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      out[i] = (LUMA_R * data[j] + LUMA_G * data[j + 1] + LUMA_B * data[j + 2] + 0x8000) >>> 16
    }
  }
  return { width, height, channels: 1, data: out }
}

/** Pillow's convert('RGB'): interleaved (H, W, C) → planar (3, H, W). */
export function convertRgb(src: Raster): Raster {
  checkRaster('convertRgb', src)
  const { width, height, channels, data } = src
  checkChannels('convertRgb', channels)
  const n = width * height
  const out = new Uint8Array(3 * n)
  if (channels <= 2) {
    for (let i = 0; i < n; i++) {
      const v = data[i * channels]
      out[i] = v
      out[n + i] = v
      out[2 * n + i] = v
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      out[i] = data[j]
      out[n + i] = data[j + 1]
      out[2 * n + i] = data[j + 2]
    }
  }
  return { width, height, channels: 3, data: out }
}
