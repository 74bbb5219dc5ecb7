/**
 * Decode an image file into 8-bit pixels exactly as Pillow's Image.open(f) does, so that
 * convertL / convertRgb (pillow-grey.ts) then give Pillow's convert('L') / convert('RGB') bytes.
 *
 *   PNG  → png.ts (ours: lossless, so exact by construction; much cheaper than a sharp call);
 *   BMP  → bmp.ts (ours: libvips has no BMP loader);
 *   JPEG, GIF, WebP, TIFF → sharp (libvips) with nothing but the decode: no resize, no EXIF
 *     auto-rotation (Pillow does not rotate either), embedded ICC profiles ignored (so does Pillow).
 * Checked byte for byte against Debian's python3-pil 9.4 (tools/pil/gen_pil_fixtures.py): baseline
 * and progressive JPEGs with 4:2:0, 4:2:2 and 4:4:4 chroma (libjpeg-turbo in both: same IDCT and
 * fancy upsampling), PNGs of every colour type and depth, all five row filters and Adam7, GIF, TIFF
 * (raw and LZW), WebP (lossless and lossy), BMPs of every layout Pillow reads.
 * Grey JPEGs are decoded as one channel ('b-w'); sharp would otherwise expand them to RGB.
 * `pillowExact` is false where Pillow's result is not reproduced: CMYK JPEGs (Pillow inverts and
 * converts CMYK its own way; sharp converts through a profile), GIFs whose first frame is
 * transparent or smaller than the screen (the fill colour differs), TIFFs that are not 8-bit
 * grey/RGB(A), and anything resized while decoding (DecodeOptions.resizeTo).
 * Damaged files throw ImageDecodeError: truncated data fails as in Pillow (it raises "image file is
 * truncated"); libjpeg's warnings, which Pillow ignores, are ignored too.
 */
import sharp from 'sharp'
import { decodeBmp } from './bmp'
import { decodePng } from './png'
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
  // our PNG decoder: bit-exact by construction and ~20× cheaper than a sharp call; sharp only when
  // it may resize while decoding
  if (format === 'png' && !options.resizeTo) return { ...decodePng(bytes), format, pillowExact: true }

  let pillowExact = true
  let image = sharp(bytes, { failOn: 'error', ignoreIcc: true })
  if (format === 'jpeg') {
    if (sniffed.jpegComponents === 1) image = image.toColourspace('b-w')
    if (sniffed.jpegComponents === 4) pillowExact = false
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
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => fail(format, e))
  const { width, height, channels } = info
  return {
    width,
    height,
    channels,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    format,
    pillowExact,
  }
}

function fail(format: ImageFormat, e: unknown): never {
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e)
  throw new ImageDecodeError(`${format.toUpperCase()} could not be decoded: ${message}`)
}
