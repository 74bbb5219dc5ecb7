/**
 * Weight and filter pictures: any list of images as a tile grid, the first dense layer's weights
 * reshaped to the input image (the lecture's hunit-weight.png: 10 × 10 tiles of W[:, j] as size ×
 * size), and convolution filters (M, C, KH, KW) per channel or as RGB. Default normalisation is
 * per tile, as matplotlib's imshow does for each of the lecture's subplots; 'global' shows every
 * tile on one scale so their strengths compare.
 */
import { type ImagePlane, type Normalisation } from './raster'
import { type FigureCommon } from './svg'
import { type BankLayoutOptions, bankLayout, denseWeightBank } from './tile-sources'
import { type GridCell, tileGridSvg } from './tile-grid'
import { FigureError } from './errors'

export interface TileDisplayOptions extends FigureCommon {
  readonly normalisation?: Normalisation
  /** Screen pixels per weight (integer); default about 56 px per tile. */
  readonly scale?: number
  readonly caption?: string
}

export interface ImageTilesOptions extends TileDisplayOptions {
  readonly tiles: readonly ImagePlane[]
  /** One short label per tile (shown under it). */
  readonly labels?: readonly string[]
  /** Tiles per row; default ⌈√n⌉. */
  readonly columns?: number
}

export function buildImageTilesSvg(options: ImageTilesOptions): string {
  const { tiles, labels } = options
  if (labels && labels.length !== tiles.length) {
    throw new FigureError(`buildImageTilesSvg: ${labels.length} labels for ${tiles.length} tiles`)
  }
  const columns = options.columns ?? Math.ceil(Math.sqrt(tiles.length))
  const rows: GridCell[][] = []
  tiles.forEach((image, i) => {
    if (i % columns === 0) rows.push([])
    rows[rows.length - 1].push(labels ? { image, label: labels[i] } : { image })
  })
  return tileGridSvg('buildImageTilesSvg', {
    ...options,
    rows,
    normalisation: options.normalisation ?? 'tile',
  })
}

export interface DenseWeightTilesOptions extends TileDisplayOptions, BankLayoutOptions {
  /** W (inputs × units), row-major: the engine's dense 'W', the lecture's hunit.w. */
  readonly weights: ArrayLike<number>
  readonly inputs: number
  readonly units: number
  /** The input image the layer sees, (C, H, W) with C·H·W = inputs. */
  readonly image: { readonly channels: number; readonly height: number; readonly width: number }
}

export function buildDenseWeightTilesSvg(options: DenseWeightTilesOptions): string {
  const { weights, inputs, units, image } = options
  const bank = denseWeightBank(weights, inputs, units, image)
  const layout = bankLayout(bank, { count: units, ...image }, options)
  return tileGridSvg('buildDenseWeightTilesSvg', {
    ...options,
    ...layout,
    normalisation: options.normalisation ?? 'tile',
  })
}

export interface ConvFilterTilesOptions extends TileDisplayOptions, BankLayoutOptions {
  /** The engine's conv 'W' (M, C·KH·KW) = (M, C, KH, KW), row-major. */
  readonly weights: ArrayLike<number>
  readonly filters: number
  readonly channels: number
  readonly kernelHeight: number
  readonly kernelWidth: number
}

export function buildConvFilterTilesSvg(options: ConvFilterTilesOptions): string {
  const layout = bankLayout(
    options.weights,
    {
      count: options.filters,
      channels: options.channels,
      height: options.kernelHeight,
      width: options.kernelWidth,
    },
    options,
  )
  return tileGridSvg('buildConvFilterTilesSvg', {
    ...options,
    ...layout,
    normalisation: options.normalisation ?? 'tile',
  })
}
