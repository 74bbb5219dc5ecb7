import type { MetricsLine } from '../../shared/experiment'
import { buildLineChartSvg, type ChartSeries, type Fingerprint } from '../../shared/figures'
import type { NamedFigure } from '../../main/services/figures'

/**
 * Loss and accuracy per epoch from metrics.jsonl (the epoch lines): one series for training and one
 * for the test set, per stage of multi-stage runs (pre-training layers, fine-tuning, from scratch) and
 * per channel of the homework's per-channel runs. The loss axis is logarithmic when the values span
 * more than two decades, as training losses usually do.
 */
export interface MetricsSource {
  /** Prefix of the series' names ("R" for a channel), or '' for the run itself. */
  label: string
  lines: readonly MetricsLine[]
}

function seriesOf(
  sources: readonly MetricsSource[],
  pick: (m: MetricsLine) => { train: number | null | undefined; test: number | null | undefined },
): ChartSeries[] {
  const out: ChartSeries[] = []
  for (const { label, lines } of sources) {
    const stages = [...new Set(lines.filter((m) => m.kind === 'epoch').map((m) => m.stage ?? ''))]
    for (const stage of stages) {
      const epochs = lines.filter((m) => m.kind === 'epoch' && (m.stage ?? '') === stage)
      const name = [label, stage === 'train' ? '' : stage].filter(Boolean).join(' ')
      for (const which of ['train', 'test'] as const) {
        const points = epochs.flatMap((m) => {
          const y = pick(m)[which]
          return typeof y === 'number' && Number.isFinite(y) ? [{ x: m.epoch, y }] : []
        })
        if (points.length > 0) {
          out.push({
            name: name ? `${name} ${which}` : which,
            points,
            ...(which === 'test' ? { dashed: true } : {}),
          })
        }
      }
    }
  }
  return out
}

export function curveFigures(
  sources: readonly MetricsSource[],
  lossName: string,
  fingerprint: Fingerprint,
): NamedFigure[] {
  const figures: NamedFigure[] = []
  const loss = seriesOf(sources, (m) => ({ train: m.trainLoss, test: m.testLoss }))
  if (loss.length > 0) {
    const ys = loss.flatMap((s) => s.points.map((p) => p.y))
    const min = Math.min(...ys)
    const logY = min > 0 && Math.max(...ys) / min > 100
    figures.push({
      name: 'loss',
      svg: buildLineChartSvg({
        title: `Loss per sample (${lossName})`,
        series: loss,
        xLabel: 'epoch',
        yLabel: 'loss',
        logY,
        fingerprint,
      }),
    })
  }
  const accuracy = seriesOf(sources, (m) => ({ train: m.trainAccuracy, test: m.testAccuracy }))
  if (accuracy.length > 0) {
    figures.push({
      name: 'accuracy',
      svg: buildLineChartSvg({
        title: 'Accuracy',
        series: accuracy,
        xLabel: 'epoch',
        yLabel: 'accuracy',
        yRange: [0, 1],
        fingerprint,
      }),
    })
  }
  return figures
}
