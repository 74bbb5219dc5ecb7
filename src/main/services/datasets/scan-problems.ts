/**
 * Why a file or a class folder is skipped: a code and params for the screen's language
 * (shared/ipc/message-codes.ts) and the same in an English sentence for the CLI and the logs. The
 * scan (scan-folder.ts, image-check.ts) and the loader's listing (class-folders.ts) both build
 * their problems here, so they say the same thing the same way.
 */
import type { MessageParams, ScanProblemCode } from '../../../shared/ipc/message-codes'
import { describeFsError, fsErrorParams } from '../errors'

export interface ProblemText {
  readonly code: ScanProblemCode
  readonly params?: MessageParams
  /** English. */
  readonly reason: string
}

/** The file could not be read at all. */
export function unreadableFile(error: unknown): ProblemText {
  return {
    code: 'unreadable',
    params: fsErrorParams(error),
    reason: `cannot read: ${describeFsError(error)}`,
  }
}

export const emptyFile: ProblemText = { code: 'empty-file', reason: 'empty file (0 bytes)' }

/** No known image signature; `reason` is the decoder's sentence, `head` its first bytes in hex. */
export function notAnImage(bytes: Uint8Array, reason: string): ProblemText {
  const head = Array.from(bytes.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ')
  return { code: 'not-an-image', params: { head }, reason }
}

/**
 * A file of a known format that the decoder could not decode. `detail` is the decoder's own words
 * (libvips', or our PNG and BMP decoders'), without the format it names first ("PNG: …").
 */
export function damagedImage(format: string, reason: string): ProblemText {
  const detail = reason.replace(new RegExp(`^${format}(?::| could not be decoded:)\\s*`, 'i'), '')
  return { code: 'damaged', params: { format: format.toUpperCase(), detail }, reason }
}

export interface EmptyClassFolder {
  readonly name: string
  readonly hasSubfolders: boolean
  /** The error listing the folder failed with, when it failed. */
  readonly unreadable?: unknown
}

/** A class folder without image files: it cannot be listed, holds only sub-folders, or nothing. */
export function emptyClass(folder: EmptyClassFolder): ProblemText {
  if (folder.unreadable !== undefined) {
    return {
      code: 'unreadable-class',
      params: fsErrorParams(folder.unreadable),
      reason: `cannot read this class folder: ${describeFsError(folder.unreadable)}`,
    }
  }
  if (folder.hasSubfolders) {
    return {
      code: 'subfolders-only',
      params: { name: folder.name },
      reason: `no images, only sub-folders: if they are the classes, choose ${folder.name} itself as the dataset folder`,
    }
  }
  return { code: 'empty-class', reason: 'no images in this class folder' }
}
