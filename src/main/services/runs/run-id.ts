import { randomBytes } from 'node:crypto'

/**
 * Run ids name the run folders: time-sortable and unique, `YYYYMMDD-HHMMSSmmm-rrrrrr` in UTC with
 * six random hex digits, e.g. `20251127-200850123-3f9a0c`. Sorting ids as strings sorts runs by
 * creation time (to the millisecond). The human-readable name is separate (run.json) and renamable.
 */
export const RUN_ID_PATTERN = /^\d{8}-\d{9}-[0-9a-f]{6}$/

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

export function newRunId(now: Date = new Date(), random: string = randomBytes(3).toString('hex')): string {
  const date = `${pad(now.getUTCFullYear(), 4)}${pad(now.getUTCMonth() + 1, 2)}${pad(now.getUTCDate(), 2)}`
  const time =
    `${pad(now.getUTCHours(), 2)}${pad(now.getUTCMinutes(), 2)}${pad(now.getUTCSeconds(), 2)}` +
    pad(now.getUTCMilliseconds(), 3)
  return `${date}-${time}-${random}`
}

export function isRunId(id: unknown): id is string {
  return typeof id === 'string' && RUN_ID_PATTERN.test(id)
}
