import { contrastText, heatColour, type Rgb, rgbHex } from '../../../../shared/figures/colour'

/**
 * Cell colours of the Results view's HTML tables, matching the SVG figures: the confusion matrix
 * on the figures' sequential "Blues" scale (count / largest count), and the im2col matrices, whose
 * values have both signs, on a diverging scale (blue below zero, white at zero, red above, by
 * |value| / largest |value|). Each comes with the text colour that stays readable on it.
 */
export interface CellColours {
  background: string
  color: string
}

export function countColours(count: number, max: number): CellColours {
  const rgb = heatColour(max > 0 ? count / max : 0)
  return { background: rgbHex(rgb), color: contrastText(rgb) }
}

const WHITE: Rgb = [255, 255, 255]
const RED: Rgb = [178, 24, 43]
const BLUE: Rgb = [33, 102, 172]

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

export function signedColours(value: number, maxAbs: number): CellColours {
  const t = maxAbs > 0 && Number.isFinite(value) ? Math.min(1, Math.abs(value) / maxAbs) : 0
  const rgb = mix(WHITE, value < 0 ? BLUE : RED, t)
  return { background: rgbHex(rgb), color: contrastText(rgb) }
}

/** The largest |value| of some numbers (0 when there are none or none is finite). */
export function largestMagnitude(...lists: ArrayLike<number>[]): number {
  let max = 0
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const v = Math.abs(list[i]!)
      if (Number.isFinite(v) && v > max) max = v
    }
  }
  return max
}
