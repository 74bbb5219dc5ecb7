/**
 * Weights as pictures. A filter bank is (M, C, H, W) planar: M pictures of C channels.
 *  - Dense weights of a first layer, W (inputs × units) row-major with inputs = C·H·W: tile j is
 *    column j, W[:, j], reshaped to the input image (C, H, W) — the lecture's
 *    `np.reshape(hunit.w[:, i], (size, size))` of hunit-weight.png.
 *  - Convolution filters, the engine's W (M, C·KH·KW) = (M, C, KH, KW): already a bank.
 * A bank is shown as one grey tile per filter (C = 1), one colour tile per filter (C = 3, 'rgb'), or
 * one grey tile per filter and channel ('channels': a row per filter, a column per channel).
 */
import { FigureError } from './errors'
import type { ImagePlane } from './raster'
import type { GridCell } from './tile-grid'

export interface BankShape {
  readonly count: number
  readonly channels: number
  readonly height: number
  readonly width: number
}

export type FilterDisplay = 'auto' | 'rgb' | 'channels'

export interface BankLayout {
  readonly rows: GridCell[][]
  readonly columnHeaders?: string[]
  readonly rowHeaders?: string[]
}

export interface BankLayoutOptions {
  readonly display?: FilterDisplay
  /** Tiles per row for grey / RGB tiles; default ⌈√M⌉. */
  readonly columns?: number
  /** Show the filter index under each tile (grey / RGB display). */
  readonly showIndices?: boolean
  /** Column headers of the 'channels' display; default R, G, B for 3 channels, else 0, 1, …. */
  readonly channelHeaders?: readonly string[]
  /** Show only the first `limit` filters (the lecture shows at most 10 × 10). */
  readonly limit?: number
}

function checkDims(what: string, dims: Record<string, number>): void {
  for (const [name, v] of Object.entries(dims)) {
    if (!Number.isInteger(v) || v < 1)
      throw new FigureError(`${what}: ${name} must be a positive integer, got ${v}`)
  }
}

/** Dense W (inputs × units) → the bank (units, C, H, W), tile j = column j as the input image. */
export function denseWeightBank(
  weights: ArrayLike<number>,
  inputs: number,
  units: number,
  image: { readonly channels: number; readonly height: number; readonly width: number },
): Float32Array {
  checkDims('denseWeightBank', { inputs, units, ...image })
  const size = image.channels * image.height * image.width
  if (size !== inputs) {
    throw new FigureError(
      `denseWeightBank: the input image (${image.channels}, ${image.height}, ${image.width}) has ${size} ` +
        `values but the layer has ${inputs} inputs; give the image shape the layer was trained on`,
    )
  }
  if (weights.length !== inputs * units) {
    throw new FigureError(
      `denseWeightBank: W (${inputs} × ${units}) holds ${inputs * units} values, got ${weights.length}`,
    )
  }
  const bank = new Float32Array(inputs * units)
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j < units; j++) bank[j * inputs + i] = weights[i * units + j]
  }
  return bank
}

/** Lays out a bank as grid cells for tileGridSvg. */
export function bankLayout(
  bank: ArrayLike<number>,
  shape: BankShape,
  options: BankLayoutOptions = {},
): BankLayout {
  const { channels, height, width } = shape
  checkDims('bankLayout', { ...shape })
  const size = channels * height * width
  if (bank.length !== shape.count * size) {
    throw new FigureError(
      `bankLayout: (${shape.count}, ${channels}, ${height}, ${width}) holds ${shape.count * size} values, got ${bank.length}`,
    )
  }
  const count = Math.min(shape.count, options.limit ?? shape.count)
  const display = options.display ?? 'auto'
  const slice = (m: number, from: number, length: number): Float32Array =>
    Float32Array.from({ length }, (_, i) => bank[m * size + from + i])

  const perChannel = display === 'channels' || (display === 'auto' && channels !== 1 && channels !== 3)
  if (perChannel) {
    const headers =
      options.channelHeaders ??
      (channels === 3 ? ['R', 'G', 'B'] : Array.from({ length: channels }, (_, c) => `${c}`))
    if (headers.length !== channels) {
      throw new FigureError(`bankLayout: ${headers.length} channel headers for ${channels} channels`)
    }
    const plane = height * width
    const rows = Array.from({ length: count }, (_, m) =>
      Array.from({ length: channels }, (_, c) => ({
        image: { channels: 1 as const, height, width, data: slice(m, c * plane, plane) },
      })),
    )
    return { rows, columnHeaders: [...headers], rowHeaders: rows.map((_, m) => `${m}`) }
  }
  if (display === 'rgb' && channels !== 3) {
    throw new FigureError(
      `bankLayout: an RGB display needs 3 channels, the filters have ${channels}; use 'channels'`,
    )
  }
  const columns = options.columns ?? Math.ceil(Math.sqrt(count))
  checkDims('bankLayout', { columns })
  const rows: GridCell[][] = []
  for (let m = 0; m < count; m++) {
    if (m % columns === 0) rows.push([])
    const image: ImagePlane = { channels: channels as 1 | 3, height, width, data: slice(m, 0, size) }
    rows[rows.length - 1].push(options.showIndices ? { image, label: `${m}` } : { image })
  }
  return { rows }
}
