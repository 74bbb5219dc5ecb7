/**
 * The grid every image figure is built on (weight and filter tiles, reconstructions, feature maps):
 * rows × columns of pictures with optional column headers, row headers and a small label under each
 * tile. Each picture is embedded as a PNG data URI at its own resolution and scaled up by an integer
 * factor with nearest-neighbour sampling (image-rendering: pixelated, with optimizeSpeed for older
 * renderers), so a 5×5 filter stays 25 crisp squares at any zoom and in the 2×/3× PNG exports.
 */
import { FigureError } from './errors'
import { type ImagePlane, type Normalisation, checkPlane, gridRanges, planeToPng } from './raster'
import { base64 } from './base64'
import { type FigureCommon, MUTED_COLOUR, fingerprintSpace, num, svgDocument, text, textWidth } from './svg'

export interface GridCell {
  readonly image: ImagePlane
  /** A short label under the tile (an index, a class, an error value). */
  readonly label?: string
}

export interface TileGridOptions extends FigureCommon {
  /** rows × columns; null leaves a cell empty. */
  readonly rows: readonly (readonly (GridCell | null)[])[]
  readonly normalisation: Normalisation
  /** Screen pixels per image pixel (an integer ≥ 1); default: about `targetSize` px per tile. */
  readonly scale?: number
  readonly targetSize?: number
  readonly columnHeaders?: readonly string[]
  readonly rowHeaders?: readonly string[]
  /** A line under the title (shape, normalisation, …). */
  readonly caption?: string
  /** Space between tiles in px; default 6. */
  readonly gap?: number
}

const PAD = 12
const TITLE_SIZE = 15
const CAPTION_SIZE = 11
const HEADER_SIZE = 12
const LABEL_SIZE = 10
const MAX_SCALE = 32

/** The integer scale that shows an image of `size` px at about `target` px. */
export function autoScale(size: number, target: number): number {
  return Math.min(MAX_SCALE, Math.max(1, Math.round(target / size)))
}

function imageElement(x: number, y: number, w: number, h: number, png: Uint8Array): string {
  return (
    `<image x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" preserveAspectRatio="none" ` +
    `image-rendering="optimizeSpeed" style="image-rendering:pixelated" href="data:image/png;base64,${base64(png)}"/>`
  )
}

export function tileGridSvg(what: string, options: TileGridOptions): string {
  const { rows, columnHeaders, rowHeaders } = options
  const columns = rows.reduce((n, row) => Math.max(n, row.length), 0)
  const images = rows.flatMap((row) => row.flatMap((cell) => (cell ? [cell.image] : [])))
  if (images.length === 0) throw new FigureError(`${what}: there is no image to draw`)
  images.forEach((image) => checkPlane(image, what))
  if (columnHeaders && columnHeaders.length !== columns) {
    throw new FigureError(`${what}: ${columnHeaders.length} column headers for ${columns} columns`)
  }
  if (rowHeaders && rowHeaders.length !== rows.length) {
    throw new FigureError(`${what}: ${rowHeaders.length} row headers for ${rows.length} rows`)
  }
  const maxH = Math.max(...images.map((i) => i.height))
  const maxW = Math.max(...images.map((i) => i.width))
  const scale = options.scale ?? autoScale(Math.max(maxH, maxW), options.targetSize ?? 56)
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new FigureError(`${what}: scale must be an integer in [1, ${MAX_SCALE}], got ${scale}`)
  }
  const gap = options.gap ?? 6
  const cellW = maxW * scale
  const cellH = maxH * scale
  const labels = rows.flatMap((row) => row.flatMap((cell) => (cell?.label ? [cell.label] : [])))
  const labelH = labels.length > 0 ? LABEL_SIZE + 5 : 0
  // Each column is as wide as its widest tile, header or label; tiles are centred in it.
  const columnW = Array.from({ length: columns }, (_, c) =>
    Math.ceil(
      Math.max(
        cellW,
        columnHeaders ? textWidth(columnHeaders[c], HEADER_SIZE) + 6 : 0,
        ...rows.map((row) => {
          const label = row[c]?.label
          return label ? textWidth(label, LABEL_SIZE) + 4 : 0
        }),
      ),
    ),
  )
  const columnX: number[] = []
  for (let c = 0, x = 0; c < columns; x += columnW[c] + gap, c++) columnX.push(x)
  const pitchY = cellH + labelH + gap
  const rowHeaderW = rowHeaders
    ? Math.ceil(Math.max(...rowHeaders.map((h) => textWidth(h, HEADER_SIZE)))) + 10
    : 0

  const titleH = options.title ? TITLE_SIZE + 13 : 0
  const captionH = options.caption ? CAPTION_SIZE + 8 : 0
  const headerH = columnHeaders ? HEADER_SIZE + 8 : 0
  const gridW = columnW.reduce((a, w) => a + w, 0) + gap * (columns - 1)
  const gridH = rows.length * pitchY - gap
  const headingW = Math.max(
    options.title ? textWidth(options.title, TITLE_SIZE, true) : 0,
    options.caption ? textWidth(options.caption, CAPTION_SIZE) : 0,
  )
  const width = Math.ceil(Math.max(2 * PAD + rowHeaderW + gridW, 2 * PAD + headingW))
  const height = PAD + titleH + captionH + headerH + gridH + PAD + fingerprintSpace(options.fingerprint)
  const left = Math.floor((width - rowHeaderW - gridW) / 2) + rowHeaderW
  const top = PAD + titleH + captionH + headerH

  const body: string[] = []
  if (options.title) {
    body.push(
      text(width / 2, PAD + TITLE_SIZE, options.title, { size: TITLE_SIZE, anchor: 'middle', weight: 600 }),
    )
  }
  if (options.caption) {
    body.push(
      text(width / 2, PAD + titleH + CAPTION_SIZE, options.caption, {
        size: CAPTION_SIZE,
        anchor: 'middle',
        fill: MUTED_COLOUR,
      }),
    )
  }
  columnHeaders?.forEach((header, c) => {
    body.push(
      text(left + columnX[c] + columnW[c] / 2, top - 7, header, { size: HEADER_SIZE, anchor: 'middle' }),
    )
  })
  const ranges = gridRanges(
    rows.map((row) => row.map((cell) => cell?.image ?? null)),
    options.normalisation,
  )
  rows.forEach((row, r) => {
    const y0 = top + r * pitchY
    if (rowHeaders) {
      body.push(
        text(left - 8, y0 + cellH / 2, rowHeaders[r], {
          size: HEADER_SIZE,
          anchor: 'end',
          baseline: 'middle',
        }),
      )
    }
    row.forEach((cell, c) => {
      const range = ranges[r][c]
      if (!cell || !range) return
      const { image } = cell
      const w = image.width * scale
      const h = image.height * scale
      const x = left + columnX[c] + Math.floor((columnW[c] - w) / 2)
      const y = y0 + Math.floor((cellH - h) / 2)
      body.push(imageElement(x, y, w, h, planeToPng(image, range)))
      body.push(
        `<rect x="${num(x - 0.5)}" y="${num(y - 0.5)}" width="${num(w + 1)}" height="${num(h + 1)}" ` +
          'fill="none" stroke="#bdbdbd" stroke-width="1"/>',
      )
      if (cell.label) {
        body.push(
          text(x + w / 2, y0 + cellH + LABEL_SIZE + 2, cell.label, {
            size: LABEL_SIZE,
            anchor: 'middle',
            fill: MUTED_COLOUR,
          }),
        )
      }
    })
  })
  return svgDocument({
    width,
    height,
    body: body.join('\n'),
    title: options.title,
    fingerprint: options.fingerprint,
  })
}
