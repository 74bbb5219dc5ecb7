/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned,
 * a rule under the header. Width counts code points (class names may be Japanese; East Asian wide
 * characters count double so columns still line up).
 */
export type Align = 'left' | 'right'

export interface Column {
  header: string
  align?: Align
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1
  return width
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  )
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i]!, c.align ?? 'left'))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n') + '\n'
}

/** 61706 → "61,706". */
export function groupDigits(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** 0.7473 → "74.73 %". */
export function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)} %`
}

/** Seconds as "42 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

/** A number with about `significant` digits, no exponent for ordinary magnitudes. */
export function short(value: number, significant = 4): string {
  if (!Number.isFinite(value)) return String(value)
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-4))
    return value.toExponential(significant - 1)
  return Number(value.toPrecision(significant)).toString()
}
