/**
 * The feature maps (特徴マップ) of one image at one layer: the layer's output (C, Y, X) for that
 * image, one grey tile per channel with its index under it. Per-tile normalisation by default (each
 * map's own contrast); 'global' compares the channels' strengths.
 */
import { FigureError } from './errors'
import { type Normalisation } from './raster'
import { type FigureCommon } from './svg'
import { type GridCell, tileGridSvg } from './tile-grid'

export interface FeatureMapsOptions extends FigureCommon {
  /** (C, Y, X) planar, row-major: one sample's slice of the layer output (N, C, Y, X). */
  readonly maps: ArrayLike<number>
  readonly channels: number
  readonly height: number
  readonly width: number
  /** Maps per row; default ⌈√C⌉, at most 16. */
  readonly columns?: number
  readonly normalisation?: Normalisation
  readonly scale?: number
  readonly caption?: string
  /** Show the channel index under each map; default true. */
  readonly showIndices?: boolean
  /** Show only the first `limit` channels. */
  readonly limit?: number
}

export function buildFeatureMapsSvg(options: FeatureMapsOptions): string {
  const { maps, channels, height, width } = options
  for (const [name, v] of Object.entries({ channels, height, width })) {
    if (!Number.isInteger(v) || v < 1) {
      throw new FigureError(`buildFeatureMapsSvg: ${name} must be a positive integer, got ${v}`)
    }
  }
  const plane = height * width
  if (maps.length !== channels * plane) {
    throw new FigureError(
      `buildFeatureMapsSvg: (${channels}, ${height}, ${width}) holds ${channels * plane} values, got ${maps.length}; ` +
        'pass one sample of the layer output',
    )
  }
  const count = Math.min(channels, options.limit ?? channels)
  const columns = options.columns ?? Math.min(16, Math.ceil(Math.sqrt(count)))
  const rows: GridCell[][] = []
  for (let c = 0; c < count; c++) {
    if (c % columns === 0) rows.push([])
    const data = Float32Array.from({ length: plane }, (_, i) => maps[c * plane + i])
    const image = { channels: 1 as const, height, width, data }
    rows[rows.length - 1].push(options.showIndices === false ? { image } : { image, label: `${c}` })
  }
  return tileGridSvg('buildFeatureMapsSvg', {
    ...options,
    rows,
    normalisation: options.normalisation ?? 'tile',
    targetSize: 64,
  })
}
