/**
 * User-timing measures around the charts' own work, always on: each chart creation and each redraw
 * ("flush") becomes a `performance.measure` entry named below, visible in a DevTools profile and to a
 * PerformanceObserver (e2e/train-smoothness.spec.ts asserts every one stays under 50 ms). The entry is
 * cleared from the performance buffer at once (an observer has already been handed it), so a run that
 * trains for hours does not pile up thousands of entries.
 */
export const CHART_CREATE = 'dllab:chart-create'
export const CHART_FLUSH = 'dllab:chart-flush'
/** Chart.js's first run in the page, on a hidden canvas while idle (chart-warmup.ts). */
export const CHART_WARMUP = 'dllab:chart-warmup'

export type ChartTimingName = typeof CHART_CREATE | typeof CHART_FLUSH | typeof CHART_WARMUP

/** Runs `work` and records how long it took under `name`; `detail` says which chart (its title). */
export function timed<T>(name: ChartTimingName, detail: string, work: () => T): T {
  const start = performance.now()
  try {
    return work()
  } finally {
    performance.measure(name, { start, end: performance.now(), detail })
    performance.clearMeasures(name)
  }
}
