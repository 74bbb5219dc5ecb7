/**
 * Machine codes for the text the services send in English: dataset scan problems and errors. The
 * English sentence stays with each (the CLI and the logs print it); the renderer shows the user's
 * language from the code and its params (renderer/src/i18n/sections/service-text.ts has a message
 * for every code below, in English and Japanese). Zod-free, so the renderer may import it.
 */

/** Values a message is filled in with: paths, names, counts, and the enumerations below. */
export type MessageParams = Record<string, string | number>

/** Why a file or folder could not be used, from its file-system error code. */
export const fsCauses = ['missing', 'not-a-folder', 'permission', 'link-loop', 'other'] as const
export type FsCause = (typeof fsCauses)[number]

/**
 * Why an image file or a class folder was skipped by a scan.
 *   unreadable        the file cannot be read                   { cause, detail? }
 *   empty-file        0 bytes
 *   not-an-image      no known image signature                  { head } (first bytes, hex)
 *   damaged           the decoder failed on it                  { format, detail } (decoder's words)
 *   empty-class       a class folder without image files
 *   subfolders-only   a class folder with only sub-folders      { name }
 *   unreadable-class  a class folder that cannot be listed      { cause, detail? }
 */
export const scanProblemCodes = [
  'unreadable',
  'empty-file',
  'not-an-image',
  'damaged',
  'empty-class',
  'subfolders-only',
  'unreadable-class',
] as const
export type ScanProblemCode = (typeof scanProblemCodes)[number]

/**
 * Errors a user meets, by what went wrong (not by error class). Params:
 *   folder-unreadable        { path, cause, detail? }
 *   no-class-folders         { path, example }
 *   files-unreadable         { files, count }    files: the paths, one per line
 *   no-readable-images       {}
 *   test-class-unknown       { path, name, classes }
 *   image-sizes-differ       { first, firstSize, other, otherSize }
 *   data-file-invalid        { path, format, detail }
 *   outside-allowed-folders  { path }
 *   run-not-found            { runId }
 *   run-not-training         { runId, action }   action: pause | cancel | kill
 *   run-already-training     { runId }
 *   run-finished             { runId }
 *   run-in-other-process     { runId }
 *   workspace-not-absolute   { path }
 *   workspace-unusable       { path, cause, detail? }
 *   workspace-not-writable   { path, cause, detail? }
 *   connection-lost          { channel }         (renderer: the web-mode socket closed)
 *   connection-failed        { url }             (renderer: the server cannot be reached)
 *   timeout                  { channel, seconds } (renderer: no answer in time)
 */
export const errorCodes = [
  'folder-unreadable',
  'no-class-folders',
  'files-unreadable',
  'no-readable-images',
  'test-class-unknown',
  'image-sizes-differ',
  'data-file-invalid',
  'outside-allowed-folders',
  'run-not-found',
  'run-not-training',
  'run-already-training',
  'run-finished',
  'run-in-other-process',
  'workspace-not-absolute',
  'workspace-unusable',
  'workspace-not-writable',
  'connection-lost',
  'connection-failed',
  'timeout',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (errorCodes as readonly string[]).includes(code)
}

export function isScanProblemCode(code: unknown): code is ScanProblemCode {
  return typeof code === 'string' && (scanProblemCodes as readonly string[]).includes(code)
}
