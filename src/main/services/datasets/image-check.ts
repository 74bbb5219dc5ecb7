import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { ImageDecodeError, type DecodedImage } from '../imaging/decode'
import { sniffImage } from '../imaging/sniff'
import { decodeImageFast } from './decode-fast'
import { damagedImage, emptyFile, notAnImage, type ProblemText, unreadableFile } from './scan-problems'

/** File name extensions read as images (compared in lower case). */
export const imageExtensions = ['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.webp', '.tif', '.tiff'] as const

export const thumbnailSize = 48
/** Neutral grey behind images that do not fill the square thumbnail, and behind transparency. */
const thumbnailBackground = { r: 128, g: 128, b: 128, alpha: 1 }

export function hasImageExtension(name: string): boolean {
  const dot = name.lastIndexOf('.')
  return dot > 0 && (imageExtensions as readonly string[]).includes(name.slice(dot).toLowerCase())
}

export type ImageCheck = { ok: true } | { ok: false; problem: ProblemText }
type Decoded = { ok: true; image: DecodedImage } | { ok: false; problem: ProblemText }

/** The decoder's reason without libvips' module prefixes ("VipsJpeg: …"). */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (message.split('\n')[0] ?? '').replace(/Vips\w*:\s*/g, '').trim()
}

/**
 * Why `bytes` did not decode. The decoder (imaging/decode.ts) refuses an empty file and a file
 * without a known signature before decoding; the same two checks here tell those apart from a
 * damaged file of a known format.
 */
function decodeProblem(bytes: Uint8Array, error: unknown): ProblemText {
  if (bytes.length === 0) return emptyFile
  const format = sniffImage(bytes)?.format
  const known = error instanceof ImageDecodeError
  if (!format) return notAnImage(bytes, known ? shortReason(error) : `cannot decode: ${shortReason(error)}`)
  return damagedImage(format, known ? shortReason(error) : `cannot decode: ${shortReason(error)}`)
}

async function decodeFile(path: string): Promise<Decoded> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    return { ok: false, problem: unreadableFile(error) }
  }
  try {
    return { ok: true, image: await decodeImageFast(bytes) }
  } catch (error) {
    return { ok: false, problem: decodeProblem(bytes, error) }
  }
}

/**
 * Reads and fully decodes one image file with the same decoder training uses (imaging/decode.ts), so
 * a file counted here is one training can read; header checks alone would miss truncated files. A
 * file that cannot be read, is empty, is not an image or is damaged yields its problem. The pixels
 * are dropped at once (a scan of thousands of files keeps none). The file is only read.
 */
export async function checkImage(path: string): Promise<ImageCheck> {
  const decoded = await decodeFile(path)
  return decoded.ok ? { ok: true } : { ok: false, problem: decoded.problem }
}

/**
 * A 48×48 PNG data: URL of an image file that decodes: the whole image, fitted on a neutral
 * background; null when the file does not decode.
 */
export async function renderThumbnail(path: string): Promise<string | null> {
  const decoded = await decodeFile(path)
  if (!decoded.ok) return null
  const { width, height, channels, data } = decoded.image
  const png = await sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
    .resize(thumbnailSize, thumbnailSize, { fit: 'contain', background: thumbnailBackground })
    .flatten({ background: thumbnailBackground })
    .png()
    .toBuffer()
  return `data:image/png;base64,${png.toString('base64')}`
}
