/**
 * Colours of the figures: a sequential blue scale for heatmaps (matplotlib's "Blues", which
 * students know from their own plots), the series palette of matplotlib's default cycle ("tab10"),
 * and the text colour that stays readable on a given cell colour.
 */

/** matplotlib "Blues" anchors, light to dark. */
const BLUES: readonly (readonly [number, number, number])[] = [
  [247, 251, 255],
  [222, 235, 247],
  [198, 219, 239],
  [158, 202, 225],
  [107, 174, 214],
  [66, 146, 198],
  [33, 113, 181],
  [8, 81, 156],
  [8, 48, 107],
]

export const SERIES_COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const

export type Rgb = readonly [number, number, number]

function hex2(v: number): string {
  return Math.round(Math.min(255, Math.max(0, v)))
    .toString(16)
    .padStart(2, '0')
}

export function rgbHex([r, g, b]: Rgb): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`
}

/** The heat colour of t ∈ [0, 1] (clamped; NaN → 0), linearly interpolated between anchors. */
export function heatColour(t: number): Rgb {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0
  const pos = x * (BLUES.length - 1)
  const i = Math.min(BLUES.length - 2, Math.floor(pos))
  const f = pos - i
  const a = BLUES[i]
  const b = BLUES[i + 1]
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** Dark text on light colours, white on dark ones: whichever contrasts more. */
export function contrastText(background: Rgb): string {
  const l = luminance(background)
  const onDark = 1.05 / (l + 0.05)
  const onLight = (l + 0.05) / (0.0137 + 0.05) // #1f1f1f
  return onDark > onLight ? '#ffffff' : '#1f1f1f'
}

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]
}
