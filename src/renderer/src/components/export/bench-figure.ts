import { buildImageTilesSvg } from '../../../../shared/figures/image-tiles'
import type { ExportableFigure } from './figure-export'

/**
 * The filter bench as an exportable figure: the planes it shows (input f, filtered g, pooled), side
 * by side as tiles drawn by the figures' own builder, each on its own grey range as the bench shows
 * it; the filtered plane's values as CSV; the settings and sizes as JSON.
 */
export interface BenchPlane {
  title: string
  width: number
  height: number
  data: Float32Array
}

export interface BenchSettings {
  filter: string
  /** The filter h (size × size), row-major. */
  kernel: { size: number; values: ArrayLike<number> }
  padding: number
  stride: number
  pool: { mode: string; size: number; stride: number; p: number }
}

function planeCsv(plane: BenchPlane): string {
  const rows: string[] = []
  for (let y = 0; y < plane.height; y++) {
    rows.push(Array.from(plane.data.subarray(y * plane.width, (y + 1) * plane.width)).join(','))
  }
  return rows.join('\n') + '\n'
}

export function benchFigure(
  title: string,
  planes: readonly BenchPlane[],
  settings: BenchSettings,
): ExportableFigure {
  if (planes.length === 0) throw new Error('The filter bench has no picture to export yet')
  const svg = buildImageTilesSvg({
    title,
    tiles: planes.map((p) => ({ channels: 1, height: p.height, width: p.width, data: p.data })),
    labels: planes.map((p) => `${p.title} (${p.width} × ${p.height})`),
    columns: planes.length,
    normalisation: 'tile',
    // About 160 px per tile, in whole pixels (the builder allows 1 … 32).
    scale: Math.min(
      32,
      Math.max(1, Math.round(160 / Math.max(...planes.map((p) => Math.max(p.width, p.height))))),
    ),
  })
  const filtered = planes[1]
  return {
    name: `filter-bench-${settings.filter}`,
    svg,
    ...(filtered ? { csv: planeCsv(filtered) } : {}),
    json: {
      ...settings,
      kernel: { size: settings.kernel.size, values: Array.from(settings.kernel.values) },
      planes: planes.map((p) => ({ title: p.title, width: p.width, height: p.height })),
    },
  }
}
