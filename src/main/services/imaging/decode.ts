/**
 * Decode an image file into 8-bit pixels exactly as Pillow's Image.open(f) does, so that
 * convertL / convertRgb (pillow-grey.ts) then give Pillow's convert('L') / convert('RGB') bytes.
 *
 * JPEG, PNG, GIF, WebP and TIFF go through sharp (libvips) with nothing but the decode: no resize, no
 * EXIF auto-rotation (Pillow does not rotate either), embedded ICC profiles ignored (Pillow ignores
 * them). Checked byte for byte against Debian's python3-pil on baseline and progressive JPEGs with
 * 4:2:0, 4:2:2 and 4:4:4 chroma (both libjpeg-turbo: same IDCT and fancy upsampling), 1–16-bit PNGs
 * of every colour type, GIF, TIFF, WebP. Differences handled here:
 *   - grey JPEG/PNG: decoded as one channel ('b-w'); otherwise sharp would expand it to RGB;
 *   - 16-bit grey PNG: Pillow opens it as mode I and convert('L') clips, L = min(v, 255), while a
 *     plain 8-bit decode would give v >> 8; 16-bit colour and grey+alpha PNGs: Pillow keeps the high
 *     byte, as sharp's plain decode does;
 *   - BMP: libvips has no BMP loader, so bmp.ts decodes it.
 * `pillowExact` is false where Pillow's result is not reproduced: CMYK JPEGs (Pillow inverts and
 * converts CMYK its own way; sharp converts through a profile), GIFs whose first frame is
 * transparent or smaller than the screen (the fill colour differs), TIFFs that are not 8-bit
 * grey/RGB(A).
 * Damaged files throw ImageDecodeError: truncated data fails as in Pillow (it raises "image file is
 * truncated"), and libjpeg's warnings, which Pillow ignores, are ignored too.
 */
import sharp from 'sharp'
import { decodeBmp } from './bmp'
import { ImageDecodeError } from './decode-error'
import { type Raster } from './raster'
import { sniffImage, type ImageFormat } from './sniff'

export { ImageDecodeError } from './decode-error'

export interface DecodedImage extends Raster {
  readonly format: ImageFormat
  /** False when this file uses a feature whose Pillow decoding is not reproduced (see above). */
  readonly pillowExact: boolean
}

export interface DecodeOptions {
  /**
   * Let sharp resize while decoding (JPEG shrink-on-load, then its own filter) to exactly this size.
   * Much faster for big photos, but not Pillow's resize: the result is marked pillowExact = false.
   * Ignored for BMP (the caller resizes those itself; check the returned size).
   */
  readonly resizeTo?: { readonly width: number; readonly height: number }
}

export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ImageDecodeError('empty file (0 bytes)')
  const sniffed = sniffImage(bytes)
  if (!sniffed) {
    const head = Array.from(bytes.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ')
    throw new ImageDecodeError(
      `not an image this program reads (first bytes ${head}); use JPEG, PNG, GIF, BMP, WebP or TIFF`,
    )
  }
  const { format } = sniffed
  if (format === 'bmp') return { ...decodeBmp(bytes), format, pillowExact: true }

  let pillowExact = true
  let image = sharp(bytes, { failOn: 'error', ignoreIcc: true })
  let grey16 = false
  if (format === 'jpeg') {
    if (sniffed.jpegComponents === 1) image = image.toColourspace('b-w')
    if (sniffed.jpegComponents === 4) pillowExact = false
  } else if (format === 'png') {
    const deep = sniffed.pngBitDepth === 16
    grey16 = deep && sniffed.pngColourType === 0
    if (grey16) image = image.toColourspace('grey16')
    // 8-bit grey (+alpha) as one channel; 16-bit grey+alpha stays RGBA, whose bytes are v >> 8 like
    // Pillow's (its 'b-w' conversion would round v / 257 instead)
    else if (!deep && (sniffed.pngColourType === 0 || sniffed.pngColourType === 4))
      image = image.toColourspace('b-w')
  } else if (format === 'gif') {
    pillowExact = !sniffed.gifTransparentOrPartial
  } else if (format === 'tiff') {
    const meta = await image.metadata().catch((e: unknown) => fail(format, e))
    pillowExact = meta.depth === 'uchar' && (meta.space === 'srgb' || meta.space === 'b-w')
  }
  if (options.resizeTo) {
    image = image.resize(options.resizeTo.width, options.resizeTo.height, { fit: 'fill', kernel: 'cubic' })
    pillowExact = false
  }
  const { data, info } = await image
    .raw(grey16 ? { depth: 'ushort' } : {})
    .toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => fail(format, e))
  const { width, height, channels } = info
  let pixels = new Uint8Array(data.buffer, data.byteOffset, data.length)
  if (grey16) {
    // Pillow: 16-bit grey PNG → mode I; convert('L') clips to 0…255
    const v16 = new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length))
    pixels = new Uint8Array(v16.length)
    for (let i = 0; i < v16.length; i++) pixels[i] = v16[i] > 255 ? 255 : v16[i]
  }
  return { width, height, channels, data: pixels, format, pillowExact }
}

function fail(format: ImageFormat, e: unknown): never {
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e)
  throw new ImageDecodeError(`${format.toUpperCase()} could not be decoded: ${message}`)
}
