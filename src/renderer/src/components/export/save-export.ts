import type { AppInfo } from '../../../../shared/ipc/contract'
import { api } from '../../api'

/**
 * Saving an exported file. The desktop app asks main to show its save dialog ('export.save': the
 * path written, or null when the user cancels). A plain browser (web mode) cannot write files, so
 * the file is handed to the browser as a download: a Blob behind an object URL, clicked through an
 * <a download> link, the URL revoked once the browser has taken it.
 */
export interface ExportFile {
  /** File name offered to the user ("loss.png", "confusion-matrix.csv"). */
  defaultName: string
  /** 'base64' for binary content (PNG), 'utf8' for text (SVG, CSV, JSON, HTML). */
  encoding: 'utf8' | 'base64'
  content: string
  /** MIME type of the download ("image/png", "image/svg+xml", …). */
  mime: string
}

/** Where a file went: the path chosen in the save dialog, the name downloaded, or null (cancelled). */
export type SaveOutcome =
  { kind: 'saved'; path: string } | { kind: 'downloaded'; name: string } | { kind: 'cancelled' }

/** The bytes of a base64 string (atob gives one char per byte). */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Starts a browser download of `file`. */
export function browserDownload(file: ExportFile, doc: Document = document): void {
  const body = file.encoding === 'base64' ? base64ToBytes(file.content) : file.content
  const url = URL.createObjectURL(new Blob([body], { type: file.mime }))
  const link = doc.createElement('a')
  link.href = url
  link.download = file.defaultName
  link.hidden = true
  doc.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download has taken the Blob by the next task; revoking frees it.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}

export async function saveExport(
  file: ExportFile,
  host: AppInfo['host'],
  download: (file: ExportFile) => void = browserDownload,
): Promise<SaveOutcome> {
  if (host === 'electron') {
    const { defaultName, encoding, content } = file
    const { path } = await api['export.save']({ defaultName, encoding, content })
    return path === null ? { kind: 'cancelled' } : { kind: 'saved', path }
  }
  download(file)
  return { kind: 'downloaded', name: file.defaultName }
}
