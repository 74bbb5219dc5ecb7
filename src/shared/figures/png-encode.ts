/**
 * A small PNG encoder for the pictures embedded in the SVG figures (weights, filters,
 * reconstructions, feature maps as data URIs): 8-bit grey, grey + alpha, RGB or RGBA, not
 * interlaced. Chunks IHDR, IDAT, IEND with CRC-32 (ISO 3309, polynomial 0xEDB88320); the image data
 * is every row prefixed by filter byte 0 (None), compressed as zlib by fflate (pure JS, so this
 * runs in the renderer too) at a fixed level: the same pixels always give the same bytes.
 *
 * pixels (height, width, channels) interleaved, row-major → PNG file bytes
 */
import { zlibSync } from 'fflate'
import { FigureError } from './errors'

export type PngChannels = 1 | 2 | 3 | 4

export interface PngImage {
  readonly width: number
  readonly height: number
  /** 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA. */
  readonly channels: PngChannels
  /** width · height · channels bytes, rows top to bottom, channels interleaved. */
  readonly data: Uint8Array
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const COLOUR_TYPE: Record<PngChannels, number> = { 1: 0, 2: 4, 3: 2, 4: 6 }
/** The PNG limit on a dimension is 2³¹ − 1; far beyond anything a figure embeds. */
const MAX_DIMENSION = 1 << 16

let crcTable: Uint32Array | undefined

function table(): Uint32Array {
  if (crcTable) return crcTable
  crcTable = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crcTable[n] = c >>> 0
  }
  return crcTable
}

/** CRC-32 of bytes [start, end) of `bytes`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = table()
  let c = 0xffffffff
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + payload.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, payload.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(payload, 8)
  view.setUint32(8 + payload.length, crc32(out, 4, 8 + payload.length))
  return out
}

export function encodePng(image: PngImage): Uint8Array {
  const { width, height, channels, data } = image
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_DIMENSION) {
      throw new FigureError(`encodePng: ${name} must be an integer in [1, ${MAX_DIMENSION}], got ${v}`)
    }
  }
  if (!(channels in COLOUR_TYPE)) {
    throw new FigureError(`encodePng: channels must be 1, 2, 3 or 4, got ${channels}`)
  }
  const stride = width * channels
  if (data.length !== stride * height) {
    throw new FigureError(
      `encodePng: ${width}×${height}×${channels} needs ${stride * height} bytes, got ${data.length}`,
    )
  }
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr[8] = 8 // bit depth
  ihdr[9] = COLOUR_TYPE[channels]
  // [10] compression 0, [11] filter method 0, [12] interlace 0
  const raw = new Uint8Array((stride + 1) * height)
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let pos = 0
  for (const p of parts) {
    out.set(p, pos)
    pos += p.length
  }
  return out
}
