/**
 * The confusion matrix (混合行列) as a heatmap: rows = true class, columns = predicted class (the
 * lecture's Predict() orientation), each cell coloured by its count — or by its share of the row,
 * which evens out unequal class sizes — with the count written in it in a colour that stays
 * readable. The title line carries the correct count (正解数, the trace) and the accuracy; a colour
 * bar on the right gives the scale.
 */
import { type Rgb, contrastText, heatColour, rgbHex } from './colour'
import { FigureError } from './errors'
import { linearTicks } from './ticks'
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

export interface ConfusionMatrixLabels {
  readonly trueAxis?: string
  readonly predictedAxis?: string
  /** The word before the correct count, e.g. "正解数"; default "Correct". */
  readonly correct?: string
  readonly accuracy?: string
  /** Colour bar caption for counts / row shares. */
  readonly count?: string
  readonly rowShare?: string
}

export interface ConfusionMatrixOptions extends FigureCommon {
  /** The first part of the title line; default "Confusion matrix". */
  readonly title?: string
  /** matrix[true][predicted], non-negative integers. */
  readonly matrix: readonly (readonly number[])[]
  readonly classes: readonly string[]
  /** Colour by count ('none', default) or by share of the row ('row'). */
  readonly normalise?: 'none' | 'row'
  readonly labels?: ConfusionMatrixLabels
  /** Cell size in px; default from the class count (52 px for 2–7 classes, 40 for 10, …). */
  readonly cellSize?: number
  /** Write counts in the cells; default when they fit. */
  readonly showCounts?: boolean
}

const PAD = 14
const TITLE_SIZE = 15
const CLASS_SIZE = 12
const AXIS_SIZE = 12
const TICK_SIZE = 10
const BAR_W = 14
const BAR_STEPS = 64
/** Empty cells' zeros recede so the counts that matter stand out. */
const ZERO_COLOUR = '#a3a3a3'

function checkMatrix(matrix: ConfusionMatrixOptions['matrix'], classes: readonly string[]): void {
  const n = classes.length
  if (n === 0) throw new FigureError('buildConfusionMatrixSvg: no classes were given')
  if (matrix.length !== n || matrix.some((row) => row.length !== n)) {
    throw new FigureError(
      `buildConfusionMatrixSvg: expected a ${n} × ${n} matrix for ${n} classes, got ` +
        `${matrix.length} rows of ${matrix.map((r) => r.length).join(', ')}`,
    )
  }
  for (const row of matrix) {
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0) {
        throw new FigureError(`buildConfusionMatrixSvg: counts must be non-negative integers, got ${v}`)
      }
    }
  }
}

export function buildConfusionMatrixSvg(options: ConfusionMatrixOptions): string {
  const { matrix, classes } = options
  checkMatrix(matrix, classes)
  const labels = options.labels ?? {}
  const n = classes.length
  const byRow = options.normalise === 'row'
  const cell = options.cellSize ?? Math.max(14, Math.min(52, Math.round(400 / n)))
  const total = matrix.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0)
  const correct = matrix.reduce((s, row, i) => s + row[i], 0)
  const accuracy = total > 0 ? correct / total : 0
  const maxCount = Math.max(0, ...matrix.flat())
  const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0))
  const shade = (i: number, j: number): number =>
    byRow ? (rowSums[i] > 0 ? matrix[i][j] / rowSums[i] : 0) : maxCount > 0 ? matrix[i][j] / maxCount : 0

  const digits = String(maxCount).length
  const countSize = Math.min(13, (cell - 6) / (digits * 0.6), cell * 0.42)
  const showCounts = options.showCounts ?? countSize >= 7

  const title = options.title ?? 'Confusion matrix'
  const stats =
    `${labels.correct ?? 'Correct'} ${correct} / ${total}  ·  ` +
    `${labels.accuracy ?? 'Accuracy'} ${(accuracy * 100).toFixed(2)} %`
  const titleW = textWidth(title, TITLE_SIZE, true) + 16 + textWidth(stats, TITLE_SIZE - 2)

  const rowLabelW = Math.ceil(Math.max(...classes.map((c) => textWidth(c, CLASS_SIZE)))) + 8
  const colLabelW = Math.max(...classes.map((c) => textWidth(c, CLASS_SIZE)))
  const rotate = colLabelW > cell - 4
  const colLabelH = Math.ceil(rotate ? colLabelW * Math.SQRT1_2 + CLASS_SIZE : CLASS_SIZE + 4) + 6
  const gridW = n * cell
  const barTicks = byRow ? linearTicks(0, 1, 4) : linearTicks(0, Math.max(1, maxCount), 4, true)
  const barValues = barTicks.values.filter((v) => v <= (byRow ? 1 : Math.max(1, maxCount)))
  const barLabel = (v: number): string =>
    byRow ? `${Math.round(v * 100)} %` : barTicks.labels[barTicks.values.indexOf(v)]
  const barLabelW = Math.ceil(Math.max(...barValues.map((v) => textWidth(barLabel(v), TICK_SIZE))))
  const barCaption = byRow ? (labels.rowShare ?? 'Share of row') : (labels.count ?? 'Count')

  const gridLeft = PAD + AXIS_SIZE + 10 + rowLabelW
  const gridTop = PAD + TITLE_SIZE + 18
  const barLeft = gridLeft + gridW + 18
  const contentRight = barLeft + BAR_W + 6 + barLabelW + 4 + AXIS_SIZE + 4
  const width = Math.ceil(Math.max(contentRight + PAD, titleW + 2 * PAD))
  const height = gridTop + gridW + colLabelH + AXIS_SIZE + 8 + PAD + fingerprintSpace(options.fingerprint)

  const body: string[] = []
  body.push(
    `<text x="${num(width / 2)}" y="${num(PAD + TITLE_SIZE)}" text-anchor="middle" fill="#1f1f1f">` +
      `<tspan font-size="${TITLE_SIZE}" font-weight="600">${escapeXml(title)}</tspan>` +
      `<tspan font-size="${TITLE_SIZE - 2}" dx="16">${escapeXml(stats)}</tspan></text>`,
  )
  // Cells.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const colour: Rgb = heatColour(shade(i, j))
      const x = gridLeft + j * cell
      const y = gridTop + i * cell
      body.push(
        `<rect x="${num(x)}" y="${num(y)}" width="${num(cell)}" height="${num(cell)}" fill="${rgbHex(colour)}" ` +
          'stroke="#ffffff" stroke-width="1"/>',
      )
      if (showCounts) {
        body.push(
          text(x + cell / 2, y + cell / 2, String(matrix[i][j]), {
            size: Math.round(countSize * 10) / 10,
            anchor: 'middle',
            baseline: 'middle',
            fill: matrix[i][j] === 0 ? ZERO_COLOUR : contrastText(colour),
          }),
        )
      }
    }
  }
  body.push(
    `<rect x="${num(gridLeft - 0.5)}" y="${num(gridTop - 0.5)}" width="${num(gridW + 1)}" height="${num(gridW + 1)}" ` +
      'fill="none" stroke="#888888" stroke-width="1"/>',
  )
  // Class names: true classes down the left, predicted classes along the bottom.
  classes.forEach((name, k) => {
    const centre = gridTop + k * cell + cell / 2
    body.push(text(gridLeft - 6, centre, name, { size: CLASS_SIZE, anchor: 'end', baseline: 'middle' }))
    const cx = gridLeft + k * cell + cell / 2
    const below = gridTop + gridW + 6
    body.push(
      rotate
        ? text(cx + 3, below + 4, name, { size: CLASS_SIZE, anchor: 'end', rotate: -45 })
        : text(cx, below + CLASS_SIZE, name, { size: CLASS_SIZE, anchor: 'middle' }),
    )
  })
  body.push(
    text(
      gridLeft + gridW / 2,
      gridTop + gridW + colLabelH + AXIS_SIZE + 2,
      labels.predictedAxis ?? 'Predicted class',
      {
        size: AXIS_SIZE,
        anchor: 'middle',
        weight: 600,
      },
    ),
  )
  body.push(
    text(PAD + AXIS_SIZE, gridTop + gridW / 2, labels.trueAxis ?? 'True class', {
      size: AXIS_SIZE,
      anchor: 'middle',
      rotate: -90,
      weight: 600,
    }),
  )
  // Colour bar: top = the largest value (max count or 100 % of the row), bottom = 0.
  const step = gridW / BAR_STEPS
  for (let s = 0; s < BAR_STEPS; s++) {
    const t = 1 - (s + 0.5) / BAR_STEPS
    body.push(
      `<rect x="${num(barLeft)}" y="${num(gridTop + s * step)}" width="${BAR_W}" height="${num(step + 0.5)}" ` +
        `fill="${rgbHex(heatColour(t))}"/>`,
    )
  }
  body.push(
    `<rect x="${num(barLeft - 0.5)}" y="${num(gridTop - 0.5)}" width="${BAR_W + 1}" height="${num(gridW + 1)}" ` +
      'fill="none" stroke="#888888" stroke-width="1"/>',
  )
  const barMax = byRow ? 1 : Math.max(1, maxCount)
  for (const v of barValues) {
    const y = gridTop + gridW - (v / barMax) * gridW
    body.push(`<path d="M${num(barLeft + BAR_W)} ${num(y)}h4" stroke="#888888" stroke-width="1"/>`)
    body.push(
      text(barLeft + BAR_W + 6, y, barLabel(v), { size: TICK_SIZE, baseline: 'middle', fill: MUTED_COLOUR }),
    )
  }
  const captionX = barLeft + BAR_W + 6 + barLabelW + 4 + AXIS_SIZE / 2 + 2
  body.push(
    text(captionX, gridTop + gridW / 2, barCaption, {
      size: TICK_SIZE + 1,
      anchor: 'middle',
      rotate: -90,
      fill: MUTED_COLOUR,
    }),
  )
  return svgDocument({
    width,
    height,
    body: body.join('\n'),
    title: `${title} — ${stats}`,
    fingerprint: options.fingerprint,
  })
}
