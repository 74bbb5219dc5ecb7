/**
 * From an image file to the network's input: Float32Array in (C, Y, X) order.
 *
 *   decode → colour (Pillow convert('L') or convert('RGB')) → resize to size × size (Pillow's default
 *   bicubic) → scale:  'unit'     x / 255 ∈ [0, 1]
 *                      'unit-sum' x / Σx   (the whole image sums to 1; the lecture's autoencoder)
 *                      'none'     x ∈ {0, …, 255}
 * The division is done in float64, like NumPy, and rounded once to float32; Σx of integers is exact
 * in float64, so the values are NumPy's rounded to float32.
 *
 * The lecture's programs read their images like this (Pillow 9.4 as in Debian's python3-pil):
 *   AE.py (and DL.py, whose Read_data the lecture does not print, by the same recipe; size = 14):
 *     Image.open("mnist/{train,test}/<i>/<i>_<j>.jpg").convert('L').resize((size, size))
 *     → np.asarray(...).astype(np.float64).flatten() → v / np.sum(v)       = LECTURE.mnist
 *   CIFAR homework (size = 32 on 32×32 PNGs, so the resize is a copy):
 *     Image.open("cifar-10/{train,test}/<class>/<j>.png").convert('RGB').resize((size, size))
 *     → np.resize(..., (size, size, 3)) → R, G, B planes flattened → pixel / 255 = LECTURE.cifar
 *
 * lectureExact: true always takes the Pillow-exact path. With false, a source at least 4× the target
 * in both directions is resized by sharp while decoding (JPEG shrink-on-load): for a 4000×3000 JPEG →
 * 224×224 that is ~0.13 s instead of ~0.85 s; smaller images take the exact path anyway, because
 * there the decode dominates and our resize costs tens of microseconds.
 */
import { decodeImage } from './decode'
import { convertL, convertRgb } from './pillow-grey'
import { pillowResize } from './pillow-resize'
import { checkRaster, ImagingError, type Raster } from './raster'
import { sniffImage } from './sniff'

export type Colour = 'grey' | 'rgb'
export type Scale = 'unit' | 'unit-sum' | 'none'

export interface PreprocessOptions {
  readonly colour: Colour
  /** Resize to size × size; omitted: keep the image's own size. */
  readonly size?: number
  readonly scale: Scale
  readonly lectureExact: boolean
}

export interface Preprocessed {
  /** (C, Y, X) */
  readonly data: Float32Array
  readonly channels: number
  readonly height: number
  readonly width: number
  /** Every step reproduced Pillow byte for byte (see decode.ts for the files where it cannot). */
  readonly pillowExact: boolean
}

/** The options that reproduce the lecture's programs (see the header). */
export const LECTURE = {
  mnist: { colour: 'grey', size: 14, scale: 'unit-sum', lectureExact: true },
  cifar: { colour: 'rgb', size: 32, scale: 'unit', lectureExact: true },
} as const satisfies Record<string, PreprocessOptions>

/** Options are invalid, or the image cannot be scaled as asked (an all-black image with unit-sum). */
export class PreprocessError extends ImagingError {}

/** Sources this many times the target size (both ways) may be resized by sharp when not lecture-exact. */
export const FAST_SHRINK_FACTOR = 4

function checkOptions(o: PreprocessOptions): void {
  if (o.size !== undefined && !(Number.isInteger(o.size) && o.size >= 1 && o.size <= 4096)) {
    throw new PreprocessError(`preprocess: size must be an integer from 1 to 4096, got ${o.size}`)
  }
}

/** Colour, resize and scale an already decoded interleaved raster. Pure; Pillow-exact. */
export function preprocessRaster(img: Raster, o: PreprocessOptions): Omit<Preprocessed, 'pillowExact'> {
  checkOptions(o)
  checkRaster('preprocess', img)
  let planes = o.colour === 'grey' ? convertL(img) : convertRgb(img)
  if (o.size !== undefined) planes = pillowResize(planes, o.size, o.size)
  const { width, height, channels, data: bytes } = planes
  const data = new Float32Array(bytes.length)
  if (o.scale === 'none') {
    data.set(bytes)
  } else if (o.scale === 'unit') {
    for (let i = 0; i < bytes.length; i++) data[i] = bytes[i] / 255
  } else {
    let sum = 0
    for (let i = 0; i < bytes.length; i++) sum += bytes[i]
    if (sum === 0) {
      throw new PreprocessError(
        'preprocess: unit-sum scaling of an all-black image divides by Σx = 0 ' +
          '(the lecture’s program would produce NaN); leave the image out or use scale "unit"',
      )
    }
    for (let i = 0; i < bytes.length; i++) data[i] = bytes[i] / sum
  }
  return { data, channels, height, width }
}

/** Decode an image file and preprocess it. Throws ImageDecodeError or PreprocessError. */
export async function preprocessImage(bytes: Uint8Array, o: PreprocessOptions): Promise<Preprocessed> {
  checkOptions(o)
  const head = sniffImage(bytes)
  const size = o.size
  const fast =
    !o.lectureExact &&
    size !== undefined &&
    head?.width !== undefined &&
    head.height !== undefined &&
    head.width >= FAST_SHRINK_FACTOR * size &&
    head.height >= FAST_SHRINK_FACTOR * size
  const img = await decodeImage(bytes, fast ? { resizeTo: { width: size, height: size } } : {})
  return { ...preprocessRaster(img, o), pillowExact: img.pillowExact }
}
