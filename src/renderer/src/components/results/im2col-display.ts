import type { Im2colView, Matrix } from '../../../../shared/ipc/lab-types'

/**
 * How the im2col inspector labels its matrices, in the lecture's order (transform ①): row r of X′
 * (and column r of F) is input channel c, filter row fy and filter column fx with
 * r = (c·FY + fy)·FX + fx; column j of X′ (and of U′) is output position (y0 + ⌊j / cols⌋, x0 + j mod cols).
 */
export interface Tap {
  c: number
  fy: number
  fx: number
}

export function taps(channels: number, kernel: readonly [number, number]): Tap[] {
  const [fyCount, fxCount] = kernel
  const out: Tap[] = []
  for (let c = 0; c < channels; c++)
    for (let fy = 0; fy < fyCount; fy++) for (let fx = 0; fx < fxCount; fx++) out.push({ c, fy, fx })
  return out
}

export function tapLabel({ c, fy, fx }: Tap): string {
  return `c${c} (${fy}, ${fx})`
}

export function positions(patch: Im2colView['patch']): { y: number; x: number }[] {
  return Array.from({ length: patch.rows * patch.cols }, (_, j) => ({
    y: patch.y + Math.floor(j / patch.cols),
    x: patch.x + (j % patch.cols),
  }))
}

/** A matrix entry as the inspector prints it: up to 3 decimals, a true minus sign, no "−0". */
export function formatEntry(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  const rounded = Number(v.toFixed(3))
  if (rounded === 0) return '0'
  return (rounded < 0 ? '−' : '') + String(Math.abs(rounded))
}

/** F (K × C·FY·FX) with the bias as an extra last column: row k is filter k's weights, then b_k. */
export function filtersWithBias(view: Pick<Im2colView, 'filters' | 'bias'>): Matrix {
  const { rows, cols, values } = view.filters
  return {
    rows,
    cols: cols + 1,
    values: Array.from({ length: rows }, (_, k) => [
      ...values.slice(k * cols, (k + 1) * cols),
      view.bias[k] ?? 0,
    ]).flat(),
  }
}

function matrixCsv(title: string, m: Matrix, rowLabels: string[], colLabels: string[]): string[] {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const lines = [quote(title), ['', ...colLabels].map(quote).join(',')]
  for (let r = 0; r < m.rows; r++) {
    lines.push([quote(rowLabels[r] ?? String(r)), ...m.values.slice(r * m.cols, (r + 1) * m.cols)].join(','))
  }
  return lines
}

/** The view's matrices as CSV blocks (X′, F with its bias, U′), separated by blank lines. */
export function im2colCsv(view: Im2colView): string {
  const rows = taps(view.inputShape[0] ?? 1, view.kernel).map(tapLabel)
  const cols = positions(view.patch).map(({ y, x }) => `(${y}, ${x})`)
  const filters = Array.from({ length: view.filters.rows }, (_, k) => `filter ${k}`)
  const withBias = filtersWithBias(view)
  return (
    [
      ...matrixCsv(`X' (${view.layer}, sample ${view.sampleIndex})`, view.columns, rows, cols),
      '',
      ...matrixCsv('F and b', withBias, filters, [...rows, 'b']),
      '',
      ...matrixCsv("U' = F X' + b", view.product, filters, cols),
    ].join('\n') + '\n'
  )
}
