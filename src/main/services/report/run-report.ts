import { join } from 'node:path'
import type { Language } from '../../../shared/ipc/contract'
import type { RunFigure } from '../../../shared/ipc/lab-types'
import { writeFileAtomic } from '../atomic-write'
import { writeFigures } from '../figures'
import { buildRunFigures, type ResultsContext } from '../results'
import type { RunFolder } from '../runs'
import { readRunReport } from './report-data'
import { reportLabels } from './report-labels'
import { renderReportHtml } from './report-html'

/**
 * A run's report: the page (report-html.ts) and the figures it shows, which are the figures of
 * `dllab figures` and the Results view (buildRunFigures). A figure that cannot be drawn (a dataset
 * that moved, no weights yet) leaves a note instead; the report is still made.
 */
export interface RunReport {
  /** The run's name (run.json). */
  name: string
  html: string
  figures: RunFigure[]
  notes: string[]
}

export interface RunReportOptions {
  run: RunFolder
  /** How figures and evaluations reach the run's model and data (ResultsContext of the host). */
  results: ResultsContext
  app: { name: string; version: string }
  language: Language
  now?: () => Date
}

export async function buildRunReport(options: RunReportOptions): Promise<RunReport> {
  const { run, results, language } = options
  const data = await readRunReport({
    run,
    modelOf: (experiment) => results.modelOf(experiment),
    app: options.app,
    ...(options.now ? { now: options.now } : {}),
  })
  const labels = reportLabels(language)
  let figures: RunFigure[] = []
  const notes: string[] = []
  try {
    const drawn = await buildRunFigures(results, run, { language })
    figures = drawn.figures
    notes.push(...drawn.notes)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    notes.push(labels.figuresFailed.replace('{reason}', reason))
  }
  const html = renderReportHtml({ data, figures, notes, labels, language })
  return { name: data.name, html, figures, notes }
}

/**
 * A file-system-safe folder or file name from a name the user chose: letters (any script), digits,
 * space, '.', '_' and '-' kept, anything else '-' (so no path separator and no "..": the name stays
 * in its folder), runs of '-' made one; at most 80 characters before a short extension, which is
 * kept; never empty or only dots ("run" then).
 */
export function safeFileName(name: string): string {
  const [, base = name, ext = ''] = /^(.*?)((?:\.[A-Za-z0-9]{1,8})?)$/.exec(name.normalize('NFC')) ?? []
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._-]/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/-+/g, '-')
    .slice(0, 80)
    .replace(/^[.\s-]+|[.\s-]+$/g, '')
  return (cleaned === '' ? 'run' : cleaned) + ext
}

/**
 * Writes the report as a folder inside `parent`: <parent>/<run name>-report/index.html and
 * figures/<name>.svg and .png (the files `dllab figures` writes), each atomically. Returns the folder.
 */
export async function writeReportFolder(parent: string, report: RunReport): Promise<string> {
  const folder = join(parent, `${safeFileName(report.name)}-report`)
  await writeFileAtomic(join(folder, 'index.html'), report.html)
  await writeFigures(join(folder, 'figures'), report.figures)
  return folder
}
