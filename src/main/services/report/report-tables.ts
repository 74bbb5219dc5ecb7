/**
 * The report's tables: the model's layers with shapes and parameter counts, the metrics of every
 * epoch, and the evaluation (accuracy, correct count, per-class precision and recall; or the
 * reconstruction errors of an autoencoder).
 */
import type { ShapeSummary } from '../../../engine'
import type { ClassificationEvaluation, ReconstructionEvaluation } from '../../../shared/evaluation'
import type { EvaluationFile, MetricsLine } from '../../../shared/experiment'
import type { RunMetricsSeries } from '../../../shared/ipc/lab-types'
import { type Cell, esc, formatNumber, keyValueTable, percent, table } from './html'
import type { ReportLabels } from './report-labels'

const shape = (s: readonly number[]) => `(${s.join(', ')})`

export function modelTable(shapes: ShapeSummary, labels: ReportLabels): string {
  const rows: Cell[][] = [['', labels.input, '', '', shape(shapes.inputShape), '']]
  for (const layer of shapes.layers) {
    rows.push([
      layer.index + 1,
      layer.name,
      layer.type,
      layer.activation ?? '',
      shape(layer.outputShape),
      layer.parameters,
    ])
  }
  rows.push(['', labels.total, '', '', shape(shapes.outputShape), shapes.totalParameters])
  const head = [
    '#',
    labels.layer,
    labels.type,
    labels.activation,
    labels.outputShape,
    { html: esc(labels.parameters), numeric: true },
  ]
  return table(head, rows, { className: 'model', totalRows: 1 })
}

const value = (v: number | null | undefined): Cell => (v === null || v === undefined ? '–' : v)
const accuracy = (v: number | null | undefined): Cell =>
  v === null || v === undefined ? '–' : { html: esc(percent(v)), numeric: true }

function hasAccuracy(lines: readonly MetricsLine[]): boolean {
  return lines.some((l) => l.trainAccuracy !== null || (l.testAccuracy ?? null) !== null)
}

/** One table per series (the homework's channels each have theirs), one row per epoch line. */
export function curvesTables(series: readonly RunMetricsSeries[], labels: ReportLabels): string {
  const parts: string[] = []
  for (const { label, lines } of series) {
    if (series.length > 1) parts.push(`<h3>${esc(label)}</h3>`)
    if (lines.length === 0) {
      parts.push(`<p>${esc(labels.noEpochs)}</p>`)
      continue
    }
    const staged = lines.some((l) => l.stage !== undefined)
    const acc = hasAccuracy(lines)
    const head: Cell[] = [
      ...(staged ? [labels.stage] : []),
      labels.epoch,
      labels.trainLoss,
      ...(acc ? [labels.trainAccuracy] : []),
      labels.testLoss,
      ...(acc ? [labels.testAccuracy] : []),
      labels.seconds,
    ]
    const rows = lines.map((l): Cell[] => [
      ...(staged ? [l.stage ?? ''] : []),
      l.epoch,
      value(l.trainLoss),
      ...(acc ? [accuracy(l.trainAccuracy)] : []),
      value(l.testLoss),
      ...(acc ? [accuracy(l.testAccuracy)] : []),
      { html: esc(l.seconds.toFixed(1)), numeric: true },
    ])
    parts.push(table(head, rows, { className: 'curves' }))
  }
  return parts.join('\n')
}

function classificationHtml(c: ClassificationEvaluation, labels: ReportLabels): string {
  const macro = [c.macro.precision, c.macro.recall, c.macro.f1].map((v) => v.toFixed(4)).join(' / ')
  const head: Cell[] = [
    labels.className,
    labels.support,
    labels.predicted,
    labels.correct,
    labels.precision,
    labels.recall,
    labels.f1,
  ]
  const rows = c.perClass.map((k): Cell[] => [
    k.className,
    k.support,
    k.predictedCount,
    k.truePositives,
    { html: k.precisionDefined ? esc(k.precision.toFixed(4)) : '–', numeric: true },
    { html: k.recallDefined ? esc(k.recall.toFixed(4)) : '–', numeric: true },
    { html: esc(k.f1.toFixed(4)), numeric: true },
  ])
  return [
    `<p class="headline">${esc(labels.accuracy)}: ${esc(percent(c.accuracy))} · ${esc(labels.correct)}: ${esc(
      `${formatNumber(c.correct)} / ${formatNumber(c.total)}`,
    )}</p>`,
    keyValueTable([
      [labels.accuracy, `${percent(c.accuracy)} (${c.accuracy})`],
      [labels.correct, `${formatNumber(c.correct)} / ${formatNumber(c.total)}`],
      [labels.macro, macro],
    ]),
    `<h3>${esc(labels.perClass)}</h3>`,
    table(head, rows, { className: 'per-class' }),
  ].join('\n')
}

function reconstructionHtml(r: ReconstructionEvaluation, labels: ReportLabels): string {
  return keyValueTable([
    [labels.meanSse, r.meanSse],
    [labels.mse, r.mse],
    [labels.sseRange, `${formatNumber(r.minSse)} / ${formatNumber(r.maxSse)}`],
  ])
}

type Evaluated = { classification?: ClassificationEvaluation; reconstruction?: ReconstructionEvaluation }

function evaluatedHtml(e: Evaluated, labels: ReportLabels): string {
  return [
    ...(e.classification ? [classificationHtml(e.classification, labels)] : []),
    ...(e.reconstruction ? [reconstructionHtml(e.reconstruction, labels)] : []),
  ].join('\n')
}

export function evaluationHtml(evaluation: EvaluationFile | null, labels: ReportLabels): string {
  if (!evaluation) return `<p>${esc(labels.noEvaluation)}</p>`
  const split = evaluation.split === 'test' ? labels.testSet : labels.trainSet
  const parts = [`<p>${esc(labels.split)}: ${esc(split)}</p>`, evaluatedHtml(evaluation, labels)]
  for (const [stage, e] of Object.entries(evaluation.stages ?? {})) {
    parts.push(`<h3>${esc(labels.stage)}: ${esc(stage)}</h3>`, evaluatedHtml(e, labels))
  }
  return parts.join('\n')
}
