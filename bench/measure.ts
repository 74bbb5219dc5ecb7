/**
 * A fixed-time-budget measurement: run `step` until `budgetSeconds` of wall time have passed (at least
 * `minSteps` times) after a short warm-up that lets V8 optimise the hot loops, and report the work
 * done per second — per wall second, and per CPU-second of this process (user + system), which the
 * other processes of a busy, shared machine inflate less.
 * `step` returns how much work it did (samples, or floating-point operations).
 */
export interface Measurement {
  /** Work units per wall second (samples/s or FLOP/s). */
  rate: number
  /** Work units per CPU-second of this process. */
  cpuRate: number
  steps: number
  seconds: number
}

export interface MeasureOptions {
  budgetSeconds: number
  /** Warm-up time before measuring (default a tenth of the budget). */
  warmupSeconds?: number
  /** Steps measured at the least, whatever the budget (default 1). */
  minSteps?: number
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

export function measure(step: () => number, options: MeasureOptions): Measurement {
  const warmupMs = (options.warmupSeconds ?? options.budgetSeconds / 10) * 1000
  const budgetMs = options.budgetSeconds * 1000
  const minSteps = options.minSteps ?? 1
  const warmupStart = performance.now()
  do step()
  while (performance.now() - warmupStart < warmupMs)
  let work = 0
  let steps = 0
  const cpuStart = cpuSeconds()
  const start = performance.now()
  let elapsed = 0
  while (steps < minSteps || elapsed < budgetMs) {
    work += step()
    steps++
    elapsed = performance.now() - start
  }
  const cpu = Math.max(cpuSeconds() - cpuStart, 1e-6)
  return { rate: work / (elapsed / 1000), cpuRate: work / cpu, steps, seconds: elapsed / 1000 }
}
