import type { AppInfo } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import { printHtml } from './report-print'

/**
 * A run's report (settings, curves, evaluation, figures, fingerprint) as a PDF — Electron's
 * printToPDF behind a save dialog in the desktop app, the browser's print dialog in web mode — or as
 * an HTML folder (index.html + figures/) written into a folder the user chose.
 */
export type ReportOutcome =
  { kind: 'saved'; path: string } | { kind: 'printing'; name: string } | { kind: 'cancelled' }

export async function exportReportPdf(
  runId: string,
  host: AppInfo['host'],
  print: (html: string) => Promise<unknown> = printHtml,
): Promise<ReportOutcome> {
  if (host === 'electron') {
    const { path } = await api['report.savePdf']({ runId })
    return path === null ? { kind: 'cancelled' } : { kind: 'saved', path }
  }
  const { name, html } = await api['report.html']({ runId })
  await print(html)
  return { kind: 'printing', name }
}

/** Writes the report folder inside `folder`; null (nothing written) when no folder was chosen. */
export async function exportReportFolder(runId: string, folder: string | null): Promise<ReportOutcome> {
  if (folder === null) return { kind: 'cancelled' }
  const { path } = await api['report.saveHtml']({ runId, folder })
  return { kind: 'saved', path }
}
