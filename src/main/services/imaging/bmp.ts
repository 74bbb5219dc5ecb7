/**
 * Windows/OS2 BMP decoder following Pillow 9.4's BmpImagePlugin (sharp's libvips has no BMP loader).
 *
 * Supported as Pillow reads them: core (12-byte, OS/2) and info (40/64/108/124-byte) headers;
 * 1/4/8-bit palette, 16-bit 5-5-5 ("BGR;15"), 24-bit BGR and 32-bit BGRX, uncompressed; BI_BITFIELDS
 * with Pillow's accepted masks (32-bit BGRX/XBGR/ABGR/RGBA/BGRA, 24-bit BGR, 16-bit 5-6-5 and 5-5-5);
 * bottom-up and top-down rows. Each row is padded to a multiple of 4 bytes.
 * 16-bit channels scale as Pillow's unpackers do: v₈ = v₅·255 / 31 and v₆·255 / 63 (integer division).
 * Palette images are expanded to RGB; an index past the palette reads the grey ramp (i, i, i), as in
 * Pillow's palettes. RLE4/RLE8 compression is refused with a clear error.
 *
 * Output: interleaved RGB (3 channels), or RGBA (4) when the bitfields carry alpha.
 */
import { type Raster } from './raster'
import { ImageDecodeError } from './decode-error'

/** A BMP file that is damaged or uses a layout Pillow (and so this decoder) does not read. */
export class BmpError extends ImageDecodeError {}

/** Same ceiling as sharp's default limitInputPixels, so a bogus header cannot ask for gigabytes. */
export const MAX_PIXELS = 0x3fff * 0x3fff

type Layout = 'P' | 'BGR;15' | 'BGR;16' | 'BGR' | 'BGRX' | 'XBGR' | 'ABGR' | 'RGBA' | 'BGRA'

const MASKS: Record<string, Layout> = {
  '32:ff0000,ff00,ff,0': 'BGRX',
  '32:ff000000,ff0000,ff00,0': 'XBGR',
  '32:ff000000,ff0000,ff00,ff': 'ABGR',
  '32:ff,ff00,ff0000,ff000000': 'RGBA',
  '32:ff0000,ff00,ff,ff000000': 'BGRA',
  '32:0,0,0,0': 'BGRA',
  '24:ff0000,ff00,ff': 'BGR',
  '16:f800,7e0,1f': 'BGR;16',
  '16:7c00,3e0,1f': 'BGR;15',
}

interface Header {
  width: number
  height: number
  topDown: boolean
  bits: number
  layout: Layout
  dataOffset: number
  palette?: Uint8Array // 256 × RGB
}

/** Decode a BMP file into an interleaved RGB(A) raster. */
export function decodeBmp(b: Uint8Array): Raster {
  const h = readHeader(b)
  const { width, height, bits, layout } = h
  const stride = Math.floor((width * bits + 31) / 32) * 4
  if (h.dataOffset + stride * height > b.length) {
    throw new BmpError(
      `BMP: pixel data is truncated: ${width}×${height} at ${bits} bits needs ${stride * height} bytes ` +
        `from offset ${h.dataOffset}, the file has ${Math.max(0, b.length - h.dataOffset)}`,
    )
  }
  const channels = layout === 'ABGR' || layout === 'RGBA' || layout === 'BGRA' ? 4 : 3
  const out = new Uint8Array(width * height * channels)
  for (let r = 0; r < height; r++) {
    const y = h.topDown ? r : height - 1 - r
    unpackRow(out, y * width * channels, b, h.dataOffset + r * stride, width, h)
  }
  return { width, height, channels, data: out }
}

function unpackRow(out: Uint8Array, o: number, b: Uint8Array, i: number, width: number, h: Header): void {
  const { layout, bits } = h
  if (layout === 'P') {
    const pal = h.palette as Uint8Array
    const perByte = 8 / bits
    const mask = (1 << bits) - 1
    for (let x = 0; x < width; x++, o += 3) {
      // most significant bits first
      const shift = 8 - bits * ((x % perByte) + 1)
      const index = (b[i + Math.floor(x / perByte)] >> shift) & mask
      out[o] = pal[3 * index]
      out[o + 1] = pal[3 * index + 1]
      out[o + 2] = pal[3 * index + 2]
    }
    return
  }
  if (layout === 'BGR;15' || layout === 'BGR;16') {
    const g6 = layout === 'BGR;16'
    for (let x = 0; x < width; x++, o += 3, i += 2) {
      const p = b[i] | (b[i + 1] << 8)
      out[o + 2] = Math.floor(((p & 31) * 255) / 31)
      out[o + 1] = g6 ? Math.floor((((p >> 5) & 63) * 255) / 63) : Math.floor((((p >> 5) & 31) * 255) / 31)
      out[o] = Math.floor((((g6 ? p >> 11 : p >> 10) & 31) * 255) / 31)
    }
    return
  }
  // byte layouts: position of R, G, B (and A) within each pixel's bytes
  const [step, r, g, bl, a] = {
    BGR: [3, 2, 1, 0, -1],
    BGRX: [4, 2, 1, 0, -1],
    XBGR: [4, 3, 2, 1, -1],
    ABGR: [4, 3, 2, 1, 0],
    RGBA: [4, 0, 1, 2, 3],
    BGRA: [4, 2, 1, 0, 3],
  }[layout]
  const channels = a < 0 ? 3 : 4
  for (let x = 0; x < width; x++, o += channels, i += step) {
    out[o] = b[i + r]
    out[o + 1] = b[i + g]
    out[o + 2] = b[i + bl]
    if (a >= 0) out[o + 3] = b[i + a]
  }
}

function readHeader(b: Uint8Array): Header {
  const need = (n: number, what: string) => {
    if (b.length < n) throw new BmpError(`BMP: file is truncated in the ${what} (${b.length} bytes)`)
  }
  const u16 = (i: number) => b[i] | (b[i + 1] << 8)
  const u32 = (i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0
  need(18, 'file header')
  let dataOffset = u32(10)
  const headerSize = u32(14)
  let pos = 14 + headerSize
  let width: number, height: number, bits: number, compression: number, colors: number, entry: number
  let topDown = false
  let masks: number[] | undefined
  if (headerSize === 12) {
    need(26, 'core header')
    ;[width, height, bits, compression, colors, entry] = [u16(18), u16(20), u16(24), 0, 0, 3]
  } else if (headerSize === 40 || headerSize === 64 || headerSize === 108 || headerSize === 124) {
    need(pos, 'info header')
    topDown = b[25] === 0xff // the height is negative
    width = u32(18)
    height = topDown ? 2 ** 32 - u32(22) : u32(22)
    ;[bits, compression, colors, entry] = [u16(28), u32(30), u32(46), 4]
    if (compression === 3) {
      if (headerSize >= 56) masks = [u32(54), u32(58), u32(62), u32(66)]
      else {
        need(pos + 12, 'bitfield masks')
        masks = [u32(pos), u32(pos + 4), u32(pos + 8), 0]
        pos += 12
      }
    }
  } else {
    throw new BmpError(`BMP: unsupported header size ${headerSize} (expected 12, 40, 64, 108 or 124)`)
  }
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
    throw new BmpError(`BMP: unusable size ${width}×${height} (at most ${MAX_PIXELS} pixels)`)
  }
  let layout: Layout | undefined = ({ 1: 'P', 4: 'P', 8: 'P', 16: 'BGR;15', 24: 'BGR', 32: 'BGRX' } as const)[
    bits as 1 | 4 | 8 | 16 | 24 | 32
  ]
  if (!layout) throw new BmpError(`BMP: unsupported pixel depth ${bits} bits`)
  if (compression === 3) {
    const key = `${bits}:${(bits === 32 ? masks! : masks!.slice(0, 3)).map((m) => m.toString(16)).join(',')}`
    layout = MASKS[key]
    if (!layout) throw new BmpError(`BMP: unsupported bitfields layout ${key}`)
  } else if (compression === 1 || compression === 2) {
    throw new BmpError(
      `BMP: RLE${compression === 1 ? 8 : 4} compression is not supported; save it uncompressed`,
    )
  } else if (compression !== 0) {
    throw new BmpError(`BMP: unsupported compression ${compression}`)
  }
  let palette: Uint8Array | undefined
  if (layout === 'P') {
    colors = colors || 2 ** bits
    if (!(colors > 0 && colors <= 65536)) throw new BmpError(`BMP: unsupported palette size ${colors}`)
    // Pillow's allowance for writers that leave the palette out of the data offset
    if (dataOffset === 14 + headerSize) dataOffset += 4 * colors
    need(pos + entry * colors, 'palette')
    palette = new Uint8Array(256 * 3).map((_, k) => Math.floor(k / 3)) // grey ramp
    for (let k = 0; k < Math.min(colors, 256); k++) {
      const e = pos + entry * k // stored B, G, R (, reserved)
      palette.set([b[e + 2], b[e + 1], b[e]], 3 * k)
    }
  }
  return { width, height, topDown, bits, layout, dataOffset, palette }
}
