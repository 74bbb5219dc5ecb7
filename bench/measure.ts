/**
 * A fixed-time-budget measurement: run `step` until `budgetSeconds` of wall time have passed (at least
 * `minSteps` times) after a short warm-up that lets V8 optimise the hot loops, and report the work
 * done per second. `step` returns how much work it did (samples, or floating-point operations).
 */
export interface Measurement {
  /** Work units per second (samples/s or FLOP/s). */
  rate: number
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

export function measure(step: () => number, options: MeasureOptions): Measurement {
  const warmupMs = (options.warmupSeconds ?? options.budgetSeconds / 10) * 1000
  const budgetMs = options.budgetSeconds * 1000
  const minSteps = options.minSteps ?? 1
  const warmupStart = performance.now()
  do step()
  while (performance.now() - warmupStart < warmupMs)
  let work = 0
  let steps = 0
  const start = performance.now()
  let elapsed = 0
  while (steps < minSteps || elapsed < budgetMs) {
    work += step()
    steps++
    elapsed = performance.now() - start
  }
  return { rate: work / (elapsed / 1000), steps, seconds: elapsed / 1000 }
}
