/**
 * A figure's numbers as CSV text (RFC 4180: comma-separated, a field with a comma, quote or line
 * break quoted, quotes doubled; lines end with \n) for a spreadsheet, beside the same rows as JSON.
 * Numbers are written in full (JavaScript's shortest round-trip form); null and NaN as empty fields.
 */
export type CsvValue = string | number | null | undefined

function field(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n'
}

/** A row-major matrix (rows × cols) as nested arrays, for JSON. */
export function nestedRows(values: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => values[r * cols + c]!))
}

/** Float32 values as the plain numbers they hold (JSON keeps float32's value, not a longer float64 one). */
export function plainNumbers(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? Number(Math.fround(v).toPrecision(9)) : v))
}
