import type { Point } from './decimated-series'
import type { RunSeries, SeriesBook, SeriesMetric, SeriesPart } from './run-series'

/**
 * What a chart draws, as plain data: the lines of one run (its parts × the metrics asked for), or of
 * several runs overlaid. The chart component turns these into Chart.js datasets; the points arrays are
 * the series' own (not copied).
 */
export interface ChartLine {
  /** Stable across redraws, so the chart updates a dataset in place. */
  key: string
  label: string
  points: Point[]
  /** The series' revision when the line was made (see DecimatedSeries.revision). */
  revision: number
  colour: string
  /** Test-set lines are dashed, training-set lines solid. */
  dashed: boolean
}

/** A chart's lines and the signal to redraw them. */
export interface ChartSource {
  lines(): ChartLine[]
  onChange(listener: () => void): () => void
}

/** Names a line: the metric, and the part (stage or channel) when the run has several. */
export type LineLabeller = (metric: SeriesMetric, part: string | null, run?: string) => string

/** Colour-blind-safe (Okabe–Ito based); R, G and B channels get their own colours. */
const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a5c00', '#444444']
const channelColours: Record<string, string> = { R: '#c0392b', G: '#2e8b3d', B: '#1f5fbf' }

const testMetric = (metric: SeriesMetric) => metric === 'testLoss' || metric === 'testAccuracy'

/** A part's name in a legend: the channel, else the stage; null for a single-stage job ("train"). */
export function partName(part: Pick<SeriesPart, 'job' | 'stage'>): string | null {
  if (part.job !== 'train') return part.job
  return part.stage === 'train' ? null : part.stage
}

export function colourAt(index: number): string {
  return palette[index % palette.length] as string
}

/**
 * One run's lines: for each part, each metric that has points. With one part, training lines are
 * blue and test lines orange; with several parts each part has one colour (channels R, G, B their
 * own). Test lines are dashed either way.
 */
export function runLines(
  series: RunSeries | undefined,
  metrics: readonly SeriesMetric[],
  label: LineLabeller,
): ChartLine[] {
  if (!series) return []
  const parts = series.parts.filter((part) => metrics.some((metric) => part[metric].length > 0))
  const lines: ChartLine[] = []
  parts.forEach((part, p) => {
    const name = parts.length > 1 ? partName(part) : null
    metrics.forEach((metric) => {
      const { points, revision } = part[metric]
      if (points.length === 0) return
      const colour =
        parts.length > 1 ? (channelColours[part.job] ?? colourAt(p)) : colourAt(testMetric(metric) ? 1 : 0)
      lines.push({
        key: `${part.key}:${metric}`,
        label: label(metric, name),
        points,
        revision,
        colour,
        dashed: testMetric(metric),
      })
    })
  })
  return lines
}

/** Several runs on one chart: one colour per run, a line per part of each (one metric). */
export function overlayLines(
  book: SeriesBook,
  runs: readonly { runId: string; name: string }[],
  metric: SeriesMetric,
  label: LineLabeller,
): ChartLine[] {
  const lines: ChartLine[] = []
  runs.forEach(({ runId, name }, r) => {
    const series = book.get(runId)
    if (!series) return
    const parts = series.parts.filter((part) => part[metric].length > 0)
    parts.forEach((part, p) => {
      lines.push({
        key: `${runId}:${part.key}:${metric}`,
        label: label(metric, parts.length > 1 ? partName(part) : null, name),
        points: part[metric].points,
        revision: part[metric].revision,
        colour: colourAt(r),
        dashed: p > 0,
      })
    })
  })
  return lines
}

/** A chart source over the book: `lines` on demand, a redraw signal when one of `runIds()` changes. */
export function bookSource(
  book: SeriesBook,
  runIds: () => readonly string[],
  lines: () => ChartLine[],
): ChartSource {
  return {
    lines,
    onChange: (listener) =>
      book.onChange((runId) => {
        if (runIds().includes(runId)) listener()
      }),
  }
}

/**
 * What the lines show, as a string that changes whenever they do (a line added, removed, relabelled or
 * given points): a chart skips a redraw when it is the one it drew last. Per-epoch charts are told of
 * every progress event of their run but change only once an epoch.
 */
export const linesSignature = (lines: readonly ChartLine[]) =>
  lines.map((line) => `${line.key}@${line.revision}:${line.label}`).join('|')

/** Points over all lines (the chart's data-points attribute, for tests and the e2e spec). */
export const pointCount = (lines: readonly ChartLine[]) =>
  lines.reduce((sum, line) => sum + line.points.length, 0)
