import { type MetricsLine, metricsLineSchema } from '../../../shared/experiment'

/**
 * metrics.jsonl: one JSON object per line, each ending in "\n". Reading tolerates a torn last line
 * (a crash or a foreign tool cut the file mid-line): a final fragment without its newline is
 * ignored; a damaged line in the middle is an error naming the line.
 */
export interface ParsedMetrics {
  lines: MetricsLine[]
  /** The text up to the last complete line (what an append keeps). */
  complete: string
  /** A final partial line was dropped. */
  torn: boolean
}

export class MetricsFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

export function parseMetrics(text: string, file = 'metrics.jsonl'): ParsedMetrics {
  const end = text.lastIndexOf('\n') + 1
  const complete = text.slice(0, end)
  const torn = end < text.length
  const lines: MetricsLine[] = []
  const rows = complete.split('\n')
  rows.pop() // after the final "\n"
  rows.forEach((row, i) => {
    if (row.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(row)
    } catch {
      throw new MetricsFormatError(`${file} line ${i + 1} is not valid JSON: ${row.slice(0, 60)}`)
    }
    const parsed = metricsLineSchema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new MetricsFormatError(
        `${file} line ${i + 1}: ${issue.path.join('.') || 'the line'} ${issue.message.toLowerCase()}`,
      )
    }
    lines.push(parsed.data)
  })
  return { lines, complete, torn }
}

export function formatMetricsLines(lines: readonly MetricsLine[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('')
}
