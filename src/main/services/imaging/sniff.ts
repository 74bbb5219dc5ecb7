/**
 * Recognise an image file from its first bytes and read what decoding must know before it starts:
 * the size (JPEG, PNG, GIF), JPEG components (1 grey, 3 colour, 4 CMYK), whether a GIF's first frame
 * is transparent or smaller than the screen. Reads headers only; never trusts them for allocations.
 */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp' | 'tiff'

export interface Sniffed {
  format: ImageFormat
  /** Size from the header, for JPEG, PNG and GIF (0 when the header is cut short); not validated. */
  width?: number
  height?: number
  /** JPEG: number of components in the first SOF segment (0 if none was found). */
  jpegComponents?: number
  /** GIF: the first frame has a transparent colour, or does not cover the whole logical screen. */
  gifTransparentOrPartial?: boolean
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v)

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))

/** The format and header facts of `b`, or undefined when it is not an image we read. */
export function sniffImage(b: Uint8Array): Sniffed | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { format: 'jpeg', ...jpegFrame(b) }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // IHDR is the first chunk: length(4) "IHDR" width(4) height(4) …
    if (b.length < 24) return { format: 'png', width: 0, height: 0 }
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) }
  }
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) {
    const [width, height] = b.length >= 10 ? [b[6] | (b[7] << 8), b[8] | (b[9] << 8)] : [0, 0]
    return { format: 'gif', width, height, gifTransparentOrPartial: gifFirstFrameIsSpecial(b) }
  }
  if (startsWith(b, ascii('BM'))) return { format: 'bmp' }
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return { format: 'webp' }
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return { format: 'tiff' }
  return undefined
}

/** Walk JPEG marker segments to the first SOFn: its size and component count (zeros if none). */
function jpegFrame(b: Uint8Array): { width: number; height: number; jpegComponents: number } {
  const none = { width: 0, height: 0, jpegComponents: 0 }
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return none
    const marker = b[i + 1]
    if (marker === 0xff) {
      i++ // fill byte
      continue
    }
    const length = (b[i + 2] << 8) | b[i + 3]
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC): length, precision, height, width, components
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 >= b.length) return none
      return {
        height: (b[i + 5] << 8) | b[i + 6],
        width: (b[i + 7] << 8) | b[i + 8],
        jpegComponents: b[i + 9],
      }
    }
    if (marker === 0xda || length < 2) return none // start of scan before any SOF: malformed
    i += 2 + length
  }
  return none
}

/**
 * GIF: logical screen (6 + 7 bytes, global colour table), then blocks up to the first image
 * descriptor. A graphic control extension with the transparency flag, or a first frame smaller than
 * the screen, is where a decoder's fill colour shows; Pillow and libvips fill differently.
 */
function gifFirstFrameIsSpecial(b: Uint8Array): boolean {
  if (b.length < 13) return false
  const screenW = b[6] | (b[7] << 8)
  const screenH = b[8] | (b[9] << 8)
  let i = 13 + (b[10] & 0x80 ? 3 << ((b[10] & 7) + 1) : 0)
  let transparent = false
  while (i < b.length) {
    const block = b[i]
    if (block === 0x2c) {
      if (i + 9 > b.length) return transparent
      const [x, y, w, h] = [1, 3, 5, 7].map((o) => b[i + o] | (b[i + o + 1] << 8))
      return transparent || x !== 0 || y !== 0 || w !== screenW || h !== screenH
    }
    if (block !== 0x21 || i + 2 >= b.length) return transparent
    if (b[i + 1] === 0xf9 && i + 3 < b.length && b[i + 3] & 1) transparent = true
    i += 2
    while (i < b.length && b[i] !== 0) i += b[i] + 1 // data sub-blocks
    i++
  }
  return transparent
}
