/**
 * Loss and accuracy curves: several named series of (x, y) points on linear or log-y axes with
 * 1-2-5 ticks, light grid lines, axis titles and a legend to the right of the plot. Non-finite
 * points, y ≤ 0 on a log axis and points outside a fixed xRange / yRange break a line instead of
 * bending it or leaving the plot (no clip path: the document has no ids); a series with few points gets
 * markers; a chart with no usable point says so instead of failing.
 */
import { seriesColour } from './colour'
import { FigureError } from './errors'
import { type Ticks, linearAxis, logTicks } from './ticks'
import {
  type FigureCommon,
  MUTED_COLOUR,
  escapeXml,
  fingerprintSpace,
  num,
  svgDocument,
  text,
  textWidth,
} from './svg'

export interface ChartPoint {
  readonly x: number
  readonly y: number
}

export interface ChartSeries {
  readonly name: string
  readonly points: readonly ChartPoint[]
  /** A CSS colour; default matplotlib's tab10 cycle. */
  readonly colour?: string
  /** Dashed line (e.g. the test curve beside the training curve). */
  readonly dashed?: boolean
}

export interface LineChartOptions extends FigureCommon {
  readonly series: readonly ChartSeries[]
  readonly xLabel?: string
  readonly yLabel?: string
  readonly logY?: boolean
  /** Default 640 × 400. */
  readonly width?: number
  readonly height?: number
  readonly xRange?: readonly [number, number]
  readonly yRange?: readonly [number, number]
  /** Draw point markers; default when a series has at most 40 points. */
  readonly markers?: boolean
  /** Shown in an empty chart; default "No data". */
  readonly noDataLabel?: string
}

const PAD = 12
const TITLE_SIZE = 15
const TICK_SIZE = 11
const AXIS_SIZE = 12
const LEGEND_SIZE = 12
const AUTO_MARKERS = 40

type Range = readonly [number, number] | undefined

const within = (v: number, range: Range): boolean => !range || (v >= range[0] && v <= range[1])

/** Points that can be drawn: finite, y > 0 on a log axis, inside the ranges the caller fixed. */
function usable(p: ChartPoint, logY: boolean, xRange: Range, yRange: Range): boolean {
  return (
    Number.isFinite(p.x) &&
    Number.isFinite(p.y) &&
    (!logY || p.y > 0) &&
    within(p.x, xRange) &&
    within(p.y, yRange)
  )
}

function extent(values: number[]): [number, number] | undefined {
  if (values.length === 0) return undefined
  let lo = values[0]
  let hi = values[0]
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return [lo, hi]
}

function checkRange(name: string, range: readonly [number, number] | undefined, logY: boolean): void {
  if (!range) return
  const [lo, hi] = range
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo) || (logY && lo <= 0)) {
    throw new FigureError(
      `buildLineChartSvg: ${name} must be finite with min < max${logY ? ' and min > 0 on a log axis' : ''}, ` +
        `got [${lo}, ${hi}]`,
    )
  }
}

export function buildLineChartSvg(options: LineChartOptions): string {
  const logY = options.logY ?? false
  const width = options.width ?? 640
  const height = options.height ?? 400
  checkRange('xRange', options.xRange, false)
  checkRange('yRange', options.yRange, logY)
  const series = options.series
  const valid = series.map((s) => s.points.filter((p) => usable(p, logY, options.xRange, options.yRange)))
  const all = valid.flat()
  const xs = options.xRange ?? extent(all.map((p) => p.x)) ?? [0, 1]
  const ys = options.yRange ?? extent(all.map((p) => p.y)) ?? (logY ? [0.1, 1] : [0, 1])
  const integerX = all.length > 0 && all.every((p) => Number.isInteger(p.x))

  const titleH = options.title ? TITLE_SIZE + 15 : 6
  const legendW =
    series.length > 0 ? Math.ceil(Math.max(...series.map((s) => textWidth(s.name, LEGEND_SIZE)))) + 40 : 0
  const plotTop = PAD + titleH
  const plotBottom =
    height -
    PAD -
    fingerprintSpace(options.fingerprint) -
    (options.xLabel ? AXIS_SIZE + 10 : 0) -
    TICK_SIZE -
    8
  const yTicks: Ticks = logY
    ? logTicks(ys[0], ys[1], options.yRange ? 0 : 0.05)
    : linearAxis(
        ys[0],
        ys[1],
        Math.max(2, Math.round((plotBottom - plotTop) / 55)),
        false,
        options.yRange ? 0 : 0.05,
      )
  const tickLabelW = Math.ceil(Math.max(...yTicks.labels.map((l) => textWidth(l, TICK_SIZE))))
  const plotLeft = PAD + (options.yLabel ? AXIS_SIZE + 10 : 0) + tickLabelW + 8
  const plotRight = width - PAD - (legendW > 0 ? legendW + 8 : 0)
  if (plotRight - plotLeft < 40 || plotBottom - plotTop < 40) {
    throw new FigureError(
      `buildLineChartSvg: ${width} × ${height} leaves no room for the plot; make it larger`,
    )
  }
  const xTicks = linearAxis(
    xs[0],
    xs[1],
    Math.max(2, Math.round((plotRight - plotLeft) / 80)),
    integerX,
    options.xRange ? 0 : 0.03,
  )
  const sx = (v: number): number =>
    plotLeft + ((v - xTicks.min) / (xTicks.max - xTicks.min)) * (plotRight - plotLeft)
  const yPos = logY ? (v: number): number => Math.log10(v) : (v: number): number => v
  const [yLo, yHi] = [yPos(yTicks.min), yPos(yTicks.max)]
  const sy = (v: number): number => plotBottom - ((yPos(v) - yLo) / (yHi - yLo)) * (plotBottom - plotTop)

  const body: string[] = []
  // A title wider than the chart shrinks to fit (the chart's size is the caller's).
  const titleWidth = options.title ? textWidth(options.title, TITLE_SIZE, true) : 0
  const titleSize =
    titleWidth > width - 2 * PAD ? Math.floor((TITLE_SIZE * (width - 2 * PAD)) / titleWidth) : TITLE_SIZE
  if (options.title) {
    body.push(
      text(width / 2, PAD + TITLE_SIZE, options.title, { size: titleSize, anchor: 'middle', weight: 600 }),
    )
  }
  // Grid and ticks.
  const grid: string[] = []
  yTicks.values.forEach((v, i) => {
    const y = Math.round(sy(v)) + 0.5
    grid.push(`M${num(plotLeft)} ${num(y)}H${num(plotRight)}`)
    body.push(
      text(plotLeft - 6, y, yTicks.labels[i], {
        size: TICK_SIZE,
        anchor: 'end',
        baseline: 'middle',
        fill: MUTED_COLOUR,
      }),
    )
  })
  xTicks.values.forEach((v, i) => {
    const x = Math.round(sx(v)) + 0.5
    grid.push(`M${num(x)} ${num(plotTop)}V${num(plotBottom)}`)
    body.push(
      text(x, plotBottom + TICK_SIZE + 6, xTicks.labels[i], {
        size: TICK_SIZE,
        anchor: 'middle',
        fill: MUTED_COLOUR,
      }),
    )
  })
  body.unshift(`<path d="${grid.join('')}" stroke="#e8e8e8" stroke-width="1" fill="none"/>`)
  body.push(
    `<rect x="${num(plotLeft + 0.5)}" y="${num(plotTop + 0.5)}" width="${num(plotRight - plotLeft - 1)}" ` +
      `height="${num(plotBottom - plotTop - 1)}" fill="none" stroke="#555555" stroke-width="1"/>`,
  )
  if (options.xLabel) {
    body.push(
      text(
        (plotLeft + plotRight) / 2,
        height - PAD - fingerprintSpace(options.fingerprint) - 2,
        options.xLabel,
        { size: AXIS_SIZE, anchor: 'middle' },
      ),
    )
  }
  if (options.yLabel) {
    const cy = (plotTop + plotBottom) / 2
    body.push(text(PAD + AXIS_SIZE, cy, options.yLabel, { size: AXIS_SIZE, anchor: 'middle', rotate: -90 }))
  }
  // Curves.
  series.forEach((s, i) => {
    const colour = escapeXml(s.colour ?? seriesColour(i))
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : ''
    let d = ''
    let pen = false
    for (const p of s.points) {
      if (!usable(p, logY, options.xRange, options.yRange)) {
        pen = false
        continue
      }
      d += `${pen ? 'L' : 'M'}${num(sx(p.x))} ${num(sy(p.y))}`
      pen = true
    }
    if (d) {
      body.push(
        `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
      )
    }
    const markers = options.markers ?? valid[i].length <= AUTO_MARKERS
    if (markers || valid[i].length === 1) {
      for (const p of valid[i])
        body.push(`<circle cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="2.6" fill="${colour}"/>`)
    }
  })
  if (all.length === 0) {
    body.push(
      text((plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2, options.noDataLabel ?? 'No data', {
        size: AXIS_SIZE,
        anchor: 'middle',
        baseline: 'middle',
        fill: MUTED_COLOUR,
      }),
    )
  }
  // Legend.
  series.forEach((s, i) => {
    const colour = escapeXml(s.colour ?? seriesColour(i))
    const x = plotRight + 14
    const y = plotTop + 10 + i * (LEGEND_SIZE + 8)
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : ''
    body.push(`<path d="M${num(x)} ${num(y)}H${num(x + 20)}" stroke="${colour}" stroke-width="1.8"${dash}/>`)
    body.push(text(x + 26, y, s.name, { size: LEGEND_SIZE, baseline: 'middle' }))
  })
  return svgDocument({
    width,
    height,
    body: body.join('\n'),
    title: options.title,
    fingerprint: options.fingerprint,
  })
}
