import { greyFromRgba } from './greyscale'

/**
 * Decoding a picture the user chose, in the browser: createImageBitmap (PNG, JPEG, GIF, WebP, BMP…)
 * → a canvas → its RGBA pixels → Pillow's grey levels. Pictures larger than MAX_SIDE on a side are
 * scaled down first (the bench filters on every change; im2col of a photo would take too long).
 */
export const MAX_SIDE = 192

export interface DecodedImage {
  width: number
  height: number
  /** Grey levels 0–255, row-major. */
  data: Float32Array
  /** The picture's own size when it was scaled down. */
  original: { width: number; height: number } | undefined
}

/** The size a picture is shown at: itself, or scaled to fit MAX_SIDE keeping its aspect ratio. */
export function fitSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

export async function decodeImage(file: Blob): Promise<DecodedImage> {
  const options: ImageBitmapOptions = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' }
  const full = await createImageBitmap(file, options)
  const original = { width: full.width, height: full.height }
  const size = fitSize(full.width, full.height)
  const scaled = size.width !== full.width || size.height !== full.height
  let bitmap = full
  if (scaled) {
    bitmap = await createImageBitmap(file, {
      ...options,
      resizeWidth: size.width,
      resizeHeight: size.height,
      resizeQuality: 'high',
    })
    full.close()
  }
  try {
    const canvas = document.createElement('canvas')
    canvas.width = bitmap.width
    canvas.height = bitmap.height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) throw new Error('no 2D canvas context to read the picture’s pixels')
    context.drawImage(bitmap, 0, 0)
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height)
    return {
      width: bitmap.width,
      height: bitmap.height,
      data: greyFromRgba(pixels.data, bitmap.width, bitmap.height),
      original: scaled ? original : undefined,
    }
  } finally {
    bitmap.close()
  }
}
