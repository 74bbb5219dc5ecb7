import { escapeXml } from '../../../shared/figures'

/**
 * A few HTML builders for the report. Every piece of text goes through `esc` (names, paths and class
 * names come from users: `<script>` must stay text); only our own markup and our own SVG figures are
 * inserted as is.
 */
export const esc = (text: string): string => escapeXml(text)

/** A cell: text (escaped), or a number shown right-aligned. */
export type Cell = string | number | { html: string; numeric?: boolean }

function cell(tag: 'td' | 'th', value: Cell): string {
  if (typeof value === 'number') return `<${tag} class="num">${esc(formatNumber(value))}</${tag}>`
  if (typeof value === 'string') return `<${tag}>${esc(value)}</${tag}>`
  return `<${tag}${value.numeric ? ' class="num"' : ''}>${value.html}</${tag}>`
}

export interface TableOptions {
  className?: string
  /** Rows shown with the class "total" (the last ones). */
  totalRows?: number
}

export function table(
  head: readonly Cell[] | null,
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const total = options.totalRows ?? 0
  const body = rows.map((row, i) => {
    const cls = i >= rows.length - total ? ' class="total"' : ''
    return `<tr${cls}>${row.map((v) => cell('td', v)).join('')}</tr>`
  })
  const header = head ? `<thead><tr>${head.map((v) => cell('th', v)).join('')}</tr></thead>` : ''
  const cls = options.className ? ` class="${esc(options.className)}"` : ''
  return `<table${cls}>${header}<tbody>${body.join('')}</tbody></table>`
}

/** Rows of (label, value): labels as header cells. */
export function keyValueTable(rows: readonly (readonly [string, Cell])[], className = 'settings'): string {
  const body = rows.map(([k, v]) => `<tr>${cell('th', k)}${cell('td', v)}</tr>`).join('')
  return `<table class="${esc(className)}"><tbody>${body}</tbody></table>`
}

/** Integers with thousands separators; others with at most 6 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return String(Number(value.toPrecision(6)))
}

/** A fraction in [0, 1] as a percentage with two decimals: 0.98561 → "98.56 %". */
export function percent(value: number): string {
  return `${(value * 100).toFixed(2)} %`
}
