/**
 * A run report as one standalone HTML page: name, fingerprint (run id, seed, dates, app version),
 * settings, the model's layers, the training curves (figures and a table per epoch), the evaluation
 * and every figure as inline SVG. No scripts and no outside resources: a Content-Security-Policy in
 * the page forbids both, so the page can be opened, printed or turned into a PDF anywhere.
 */
import type { RunFigure } from '../../../shared/ipc/lab-types'
import { esc, keyValueTable } from './html'
import type { RunReportData } from './report-data'
import type { Language } from '../../../shared/ipc/contract'
import type { ReportLabels } from './report-labels'
import { settingsRows } from './report-settings'
import { REPORT_CSS } from './report-style'
import { curvesTables, evaluationHtml, modelTable } from './report-tables'

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/** Curve figures (loss, accuracy) go with the curves; the others in the figures section. */
const isCurve = (figure: RunFigure) => /^(loss|accuracy)(\b|[-.])/.test(figure.name)

/**
 * Our own SVG (src/shared/figures escapes every text it draws), inside a figure captioned with its
 * title (drawn in the report's language, as the SVG's own text is).
 */
function figureHtml(figure: RunFigure): string {
  return `<figure id="figure-${esc(figure.name)}">${figure.svg.trim()}<figcaption>${esc(figure.title)}</figcaption></figure>`
}

function fingerprintRows(data: RunReportData, labels: ReportLabels): [string, string][] {
  return [
    [labels.runId, data.runId],
    [labels.seed, String(data.experiment.training.seed)],
    [labels.created, data.created],
    [labels.status, data.reason !== undefined ? `${data.status} (${data.reason})` : data.status],
    [labels.app, `${data.app.name} ${data.app.version}`],
    [labels.generated, data.generated],
  ]
}

export interface ReportPage {
  data: RunReportData
  figures: readonly RunFigure[]
  notes: readonly string[]
  labels: ReportLabels
  language: Language
}

export function renderReportHtml({ data, figures, notes, labels, language }: ReportPage): string {
  const curves = figures.filter(isCurve)
  const others = figures.filter((f) => !isCurve(f))
  const section = (title: string, ...body: string[]) => [`<h2>${esc(title)}</h2>`, ...body].join('\n')
  const model = data.model.name ?? ''
  const body = [
    `<h1>${esc(data.name)}</h1>`,
    `<p class="subtitle">${esc(labels.reportOf)} · ${esc(data.experiment.name)} · ${esc(data.experiment.task.kind)}</p>`,
    section(labels.fingerprint, keyValueTable(fingerprintRows(data, labels))),
    section(labels.settings, keyValueTable(settingsRows(data.experiment, labels))),
    section(`${labels.model}${model ? `: ${model}` : ''}`, modelTable(data.shapes, labels)),
    section(labels.curves, ...curves.map(figureHtml), curvesTables(data.metrics, labels)),
    section(labels.evaluation, evaluationHtml(data.evaluation, labels)),
    ...(others.length > 0 ? [section(labels.figures, ...others.map(figureHtml))] : []),
    ...(notes.length > 0
      ? [section(labels.notes, `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`)]
      : []),
  ]
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`${data.app.name} ${data.app.version}`)}">`,
    `<title>${esc(`${data.name} — ${labels.reportOf}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
