/**
 * Axis ticks for the charts: "nice" linear ticks on 1-2-5 steps (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …)
 * and decade ticks for a log axis, with labels formatted from the step so that 0.1 + 0.2 never
 * prints as 0.30000000000000004.
 */

export interface Ticks {
  /** Ends of the axis (the outermost ticks). */
  readonly min: number
  readonly max: number
  readonly values: number[]
  readonly labels: string[]
}

const MAX_DECIMALS = 12

/** Decimals needed to print multiples of `step` exactly. */
function decimalsFor(step: number): number {
  return Math.min(MAX_DECIMALS, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)))
}

/** A tick label: plain decimals, or exponent form for very large or very small numbers. */
export function formatTick(value: number, decimals: number): string {
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  if (magnitude >= 1e6 || magnitude < 1e-4) {
    const [mantissa, exponent] = value.toExponential(6).split('e')
    const m = mantissa.replace(/\.?0+$/, '')
    return `${m}e${exponent.replace('+', '')}`
  }
  const s = value.toFixed(decimals)
  return s === '-0' ? '0' : s
}

/** The 1-2-5 step closest to span / target. */
export function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / magnitude
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
  return nice * magnitude
}

/**
 * Linear ticks covering [min, max] on a 1-2-5 step, about `target` intervals; with `integer` the
 * step is at least 1 (epochs, steps).
 */
export function linearTicks(min: number, max: number, target = 5, integer = false): Ticks {
  let lo = min
  let hi = max
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0
    hi = 1
  }
  if (hi < lo) [lo, hi] = [hi, lo]
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
    lo -= pad
    hi += pad
  }
  const step = integer ? Math.max(1, niceStep(hi - lo, target)) : niceStep(hi - lo, target)
  const first = Math.floor(lo / step + 1e-9)
  const last = Math.ceil(hi / step - 1e-9)
  const decimals = decimalsFor(step)
  const values: number[] = []
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(decimals)))
  return {
    min: values[0],
    max: values[values.length - 1],
    values,
    labels: values.map((v) => formatTick(v, decimals)),
  }
}

/**
 * A log axis over positive [min, max]: the axis spans the data padded by `padFraction` (5 %) of its
 * decades on either side; ticks fall on every digit (1×…9×) within 0.7 decades, on 1×, 2× and 5× up to 2.5
 * decades, else on decades (every k-th past eight). With fewer than two ticks inside, the axis widens
 * to the decades around the data.
 */
const ALL_DIGITS = [1, 2, 3, 4, 5, 6, 7, 8, 9]

export function logTicks(min: number, max: number, padFraction = 0.05): Ticks {
  let lo = min > 0 && Number.isFinite(min) ? min : 1
  let hi = max > 0 && Number.isFinite(max) ? max : lo
  if (hi < lo) [lo, hi] = [hi, lo]
  const a = Math.log10(lo)
  const b = Math.log10(hi)
  const pad = b - a > 0 ? (b - a) * padFraction : 0.5
  let from = a - pad
  let to = b + pad
  const span = to - from
  const stride = Math.max(1, Math.ceil(span / 8))
  const inside = (multiples: readonly number[]): number[] => {
    const values: number[] = []
    const first = Math.floor(from / stride) * stride
    for (let k = first; k <= Math.ceil(to); k += stride) {
      for (const m of multiples) {
        const v = Number((m * 10 ** k).toPrecision(12))
        const e = Math.log10(v)
        if (e >= from - 1e-9 && e <= to + 1e-9) values.push(v)
      }
    }
    return values
  }
  let values = inside(span <= 0.7 ? ALL_DIGITS : span <= 2.5 ? [1, 2, 5] : [1])
  if (values.length < 2) {
    from = Math.floor(a + 1e-9)
    to = Math.max(from + 1, Math.ceil(b - 1e-9))
    values = inside([1, 2, 5])
  }
  return {
    min: 10 ** from,
    max: 10 ** to,
    values,
    labels: values.map((v) => formatTick(v, decimalsFor(v))),
  }
}

/**
 * A linear axis the way matplotlib draws one: the axis spans the data plus `pad` (a fraction of the
 * span) on each side, so no point sits on the frame, and carries the 1-2-5 ticks that fall inside.
 * With pad 0 the axis is exactly [min, max] (a range the caller fixed). Should fewer than two ticks
 * fall inside, the axis widens to the outer ticks.
 */
export function linearAxis(min: number, max: number, target: number, integer = false, pad = 0.04): Ticks {
  const base = linearTicks(min, max, target, integer)
  if (!Number.isFinite(min) || !Number.isFinite(max) || min === max) return base
  const lo = Math.min(min, max)
  const hi = Math.max(min, max)
  const from = lo - pad * (hi - lo)
  const to = hi + pad * (hi - lo)
  const ticks = linearTicks(from, to, target, integer)
  const eps = (to - from) * 1e-9
  const keep = ticks.values.map((v, i) => [v, i] as const).filter(([v]) => v >= from - eps && v <= to + eps)
  if (keep.length < 2) return ticks
  return { min: from, max: to, values: keep.map(([v]) => v), labels: keep.map(([, i]) => ticks.labels[i]) }
}
