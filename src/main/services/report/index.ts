/**
 * Run reports (Electron-free): one standalone HTML page per run (settings, model, curves, evaluation,
 * figures, fingerprint), written as an HTML folder or printed to PDF by the desktop app's adapter.
 */
export { type RunReportData, readRunReport } from './report-data'
export { type ReportLabels, reportLabels } from './report-labels'
export { renderReportHtml, type ReportPage } from './report-html'
export {
  buildRunReport,
  type RunReport,
  type RunReportOptions,
  safeFileName,
  writeReportFolder,
} from './run-report'
