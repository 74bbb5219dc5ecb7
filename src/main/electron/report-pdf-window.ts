import { BrowserWindow, session } from 'electron'
import { hardenSession } from './harden'
import { type PdfWindow, printReportPdf, REPORT_PARTITION, reportWindowOptions } from './report-pdf'

/** The report's hidden window, its session filtered to the report file (report-pdf.ts). */
function openWindow(allow: (url: string) => boolean): PdfWindow {
  const reportSession = session.fromPartition(REPORT_PARTITION)
  hardenSession(reportSession)
  reportSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allow(details.url) }))
  const window = new BrowserWindow(reportWindowOptions())
  return {
    loadURL: (url) => window.loadURL(url),
    printToPDF: async (options) => new Uint8Array(await window.webContents.printToPDF(options)),
    destroy: () => window.destroy(),
  }
}

/** HostAdapter.printPdf in the desktop app; `tempFolder` under the workspace. */
export function printPdfWithElectron(
  tempFolder: () => Promise<string>,
): (html: string) => Promise<Uint8Array> {
  return (html) => printReportPdf(html, { openWindow, tempFolder })
}
