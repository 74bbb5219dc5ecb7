import type { BrowserWindowConstructorOptions } from 'electron'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SAFE_WEB_PREFERENCES } from '../security/window-options'
import { writeFileAtomic } from '../services/atomic-write'

/**
 * A run report printed to PDF in the desktop app, Electron-free (report-pdf-window.ts supplies the
 * real window): the page is written to a temporary file under the workspace (a data: URL would hit
 * Chromium's URL length limit on reports with large figures), loaded in a hidden window that runs no
 * script and reaches nothing but that one file, printed with printToPDF on A4, and both the window
 * and the file are removed again.
 */
export const REPORT_PDF_OPTIONS = { pageSize: 'A4', printBackground: true } as const

/** Its own in-memory session (no "persist:" prefix): no cookies, cache or grants shared with the app. */
export const REPORT_PARTITION = 'dllab-report-pdf'

export function reportWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi: 210 mm
    height: 1123,
    webPreferences: { ...SAFE_WEB_PREFERENCES, partition: REPORT_PARTITION, javascript: false },
  }
}

/**
 * The request filter of the report's session: the report file itself and data: URLs (the figures'
 * embedded images) load; everything else (network, other files) is cancelled.
 */
export function onlyTheReport(reportUrl: string): (url: string) => boolean {
  return (url) => url === reportUrl || url.startsWith('data:')
}

/** What the print needs of a BrowserWindow. */
export interface PdfWindow {
  loadURL(url: string): Promise<void>
  printToPDF(options: typeof REPORT_PDF_OPTIONS): Promise<Uint8Array>
  destroy(): void
}

export interface PdfPrinter {
  /** A hidden window whose session lets through only the URLs `allow` accepts. */
  openWindow(allow: (url: string) => boolean): PdfWindow
  /** Folder for the temporary page (e.g. <workspace>/cache/reports); created when missing. */
  tempFolder(): Promise<string>
}

export async function printReportPdf(html: string, printer: PdfPrinter): Promise<Uint8Array> {
  const base = await printer.tempFolder()
  await mkdir(base, { recursive: true })
  const folder = await mkdtemp(join(base, 'report-'))
  try {
    const file = join(folder, 'index.html')
    await writeFileAtomic(file, html)
    const url = pathToFileURL(file).href
    const window = printer.openWindow(onlyTheReport(url))
    try {
      await window.loadURL(url)
      return await window.printToPDF(REPORT_PDF_OPTIONS)
    } finally {
      window.destroy()
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
