/**
 * The dataset loader's decoder: imaging/decode.ts with small JPEGs decoded by the WebAssembly
 * libjpeg-turbo of imaging/jpeg-wasm.ts instead of sharp (bit-identical, ~30× cheaper per file).
 * Every other file, and every JPEG the WebAssembly decoder does not take or cannot read cleanly,
 * goes through decodeImage, so results and error messages are the same as the dataset scan's.
 */
import { decodeImage, type DecodedImage, type DecodeOptions } from '../imaging/decode'
import { JpegWasmDecoder } from '../imaging/jpeg-wasm'
import {
  FAST_SHRINK_FACTOR,
  preprocessRaster,
  type Preprocessed,
  type PreprocessOptions,
} from '../imaging/preprocess'
import { sniffImage } from '../imaging/sniff'

let jpeg: Promise<JpegWasmDecoder | undefined> | undefined

/**
 * This thread's WebAssembly JPEG decoder, loaded on first use; undefined when it cannot load (the
 * package is missing or damaged), and then sharp decodes every JPEG.
 */
export function jpegWasmDecoder(): Promise<JpegWasmDecoder | undefined> {
  jpeg ??= JpegWasmDecoder.create().catch(() => undefined)
  return jpeg
}

/** decodeImage, with the WebAssembly decoder for the JPEGs it takes. */
export async function decodeImageFast(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  if (!options.resizeTo && bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    const raster = await (await jpegWasmDecoder())?.decode(bytes)
    if (raster) return { ...raster, format: 'jpeg', pillowExact: true }
  }
  return decodeImage(bytes, options)
}

/** preprocessImage (imaging/preprocess.ts) over decodeImageFast: the same values, sooner. */
export async function preprocessImageFast(bytes: Uint8Array, o: PreprocessOptions): Promise<Preprocessed> {
  const head = sniffImage(bytes)
  const size = o.size
  const shrink =
    !o.lectureExact &&
    size !== undefined &&
    head?.width !== undefined &&
    head.height !== undefined &&
    head.width >= FAST_SHRINK_FACTOR * size &&
    head.height >= FAST_SHRINK_FACTOR * size
  const img = await decodeImageFast(bytes, shrink ? { resizeTo: { width: size, height: size } } : {})
  return { ...preprocessRaster(img, o), pillowExact: img.pillowExact }
}
