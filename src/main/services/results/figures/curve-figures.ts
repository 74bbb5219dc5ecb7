import type { MetricsLine } from '../../../../shared/experiment'
import {
  buildLineChartSvg,
  type ChartSeries,
  type FigureText,
  type Fingerprint,
} from '../../../../shared/figures'
import type { RunFigure } from '../../../../shared/ipc/lab-types'
import { toCsv } from './figure-numbers'

/**
 * Loss and accuracy per epoch from metrics.jsonl (the epoch lines): one series for training and one
 * for the test set, per stage of multi-stage runs (pre-training layers, fine-tuning, from scratch) and
 * per channel of the homework's per-channel runs. The loss axis is logarithmic when the values span
 * more than two decades, as training losses usually do. The numbers: one row per epoch line
 * (job, stage, epoch, step, train, test).
 */
export interface MetricsSource {
  /** Prefix of the series' names ("R" for a channel), or '' for the run itself. */
  label: string
  lines: readonly MetricsLine[]
}

type Pick = (m: MetricsLine) => { train: number | null | undefined; test: number | null | undefined }

function seriesOf(sources: readonly MetricsSource[], pick: Pick, words: FigureText): ChartSeries[] {
  const out: ChartSeries[] = []
  for (const { label, lines } of sources) {
    const stages = [...new Set(lines.filter((m) => m.kind === 'epoch').map((m) => m.stage ?? ''))]
    for (const stage of stages) {
      const epochs = lines.filter((m) => m.kind === 'epoch' && (m.stage ?? '') === stage)
      for (const which of ['train', 'test'] as const) {
        const points = epochs.flatMap((m) => {
          const y = pick(m)[which]
          return typeof y === 'number' && Number.isFinite(y) ? [{ x: m.epoch, y }] : []
        })
        if (points.length > 0) {
          out.push({
            name: words.seriesName({ channel: label, stage, split: which }),
            points,
            ...(which === 'test' ? { dashed: true } : {}),
          })
        }
      }
    }
  }
  return out
}

/** The epoch lines behind a curve figure, as CSV and JSON rows. */
function curveNumbers(
  sources: readonly MetricsSource[],
  pick: Pick,
  quantity: 'Loss' | 'Accuracy',
): { csv: string; json: unknown } {
  const columns = ['job', 'stage', 'epoch', 'step', `train${quantity}`, `test${quantity}`] as const
  const rows = sources.flatMap(({ label, lines }) =>
    lines
      .filter((m) => m.kind === 'epoch')
      .map((m) => {
        const { train, test } = pick(m)
        return [label, m.stage ?? 'train', m.epoch, m.step, train ?? null, test ?? null] as const
      }),
  )
  const json = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])))
  return { csv: toCsv(columns, rows), json }
}

const lossOf: Pick = (m) => ({ train: m.trainLoss, test: m.testLoss })
const accuracyOf: Pick = (m) => ({ train: m.trainAccuracy, test: m.testAccuracy })

export function curveFigures(
  sources: readonly MetricsSource[],
  lossName: string,
  fingerprint: Fingerprint,
  words: FigureText,
): RunFigure[] {
  const figures: RunFigure[] = []
  const loss = seriesOf(sources, lossOf, words)
  if (loss.length > 0) {
    const ys = loss.flatMap((s) => s.points.map((p) => p.y))
    const min = Math.min(...ys)
    const logY = min > 0 && Math.max(...ys) / min > 100
    const title = words.lossTitle(lossName)
    figures.push({
      name: 'loss',
      title,
      svg: buildLineChartSvg({
        title,
        series: loss,
        xLabel: words.epochAxis,
        yLabel: words.lossAxis,
        logY,
        noDataLabel: words.noData,
        fingerprint,
      }),
      ...curveNumbers(sources, lossOf, 'Loss'),
    })
  }
  const accuracy = seriesOf(sources, accuracyOf, words)
  if (accuracy.length > 0) {
    const title = words.accuracyTitle
    figures.push({
      name: 'accuracy',
      title,
      svg: buildLineChartSvg({
        title,
        series: accuracy,
        xLabel: words.epochAxis,
        yLabel: words.accuracyAxis,
        yRange: [0, 1],
        noDataLabel: words.noData,
        fingerprint,
      }),
      ...curveNumbers(sources, accuracyOf, 'Accuracy'),
    })
  }
  return figures
}
