import type { SaveDialogOptions } from 'electron'
import { extname } from 'node:path'
import { writeFileAtomic } from '../services/atomic-write'

/**
 * Saving an export in the desktop app, Electron-free (save-dialog.ts passes the real dialog): the
 * native save dialog offers the name and a filter for its kind, then the bytes are written atomically
 * (temp file + rename) to the path the user chose. The path is the user's own choice for this one
 * file: it is neither granted nor remembered.
 */
const KINDS: Record<string, string> = {
  png: 'PNG image',
  svg: 'SVG image',
  csv: 'CSV table',
  json: 'JSON',
  pdf: 'PDF document',
  html: 'HTML page',
  npz: 'NumPy arrays (npz)',
}

export function saveDialogOptions(defaultName: string): SaveDialogOptions {
  const ext = extname(defaultName).slice(1).toLowerCase()
  const kind = KINDS[ext]
  return {
    title: 'Save',
    defaultPath: defaultName,
    filters: [...(kind ? [{ name: kind, extensions: [ext] }] : []), { name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  }
}

/** Asks where to save (null: cancelled), then writes; returns the path written or null. */
export async function saveWithDialog(
  defaultName: string,
  bytes: Uint8Array,
  choose: (options: SaveDialogOptions) => Promise<string | null>,
): Promise<string | null> {
  const path = await choose(saveDialogOptions(defaultName))
  if (path === null || path === '') return null
  await writeFileAtomic(path, bytes)
  return path
}
