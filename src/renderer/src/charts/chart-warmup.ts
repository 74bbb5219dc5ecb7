import { datasetFields, lineChartConfig } from './chart-config'
import type { ChartLine } from './chart-lines'
import { Chart } from './chart-setup'
import { CHART_WARMUP, timed } from './chart-timing'

let warmed = false

/** Two lines of `n` points, shaped like a loss curve. */
function sampleLines(n: number): ChartLine[] {
  const points = (scale: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: scale / (1 + i) }))
  return [
    { key: 'a', label: 'train', points: points(2), revision: 0, colour: '#0072b2', dashed: false },
    { key: 'b', label: 'test', points: points(3), revision: 0, colour: '#d55e00', dashed: true },
  ]
}

/**
 * Runs Chart.js once, while the browser is idle, on a canvas nobody sees: a chart with
 * the training charts' configuration is created, given more points, and destroyed. The first use of
 * Chart.js's code in a page costs several times a later one (its functions are compiled and their
 * caches filled on first call: ~3× the CPU of a warm creation, measured); paid here, it is not paid
 * when a run's four charts appear or first draw their points, which is when the user is watching.
 * Once per page; timed as CHART_WARMUP.
 */
export function warmUpCharts(): void {
  if (warmed) return
  warmed = true
  const run = () =>
    timed(CHART_WARMUP, 'hidden canvas', () => {
      // A real canvas in the page (out of sight, hidden from assistive technology), so the DOM paths
      // (context, size from the container, resize observer) are run too, not only the drawing.
      const box = document.createElement('div')
      box.setAttribute('aria-hidden', 'true')
      box.style.cssText =
        'position:fixed;left:-10000px;top:0;width:480px;height:240px;visibility:hidden;pointer-events:none'
      const canvas = document.createElement('canvas')
      box.append(canvas)
      document.body.append(box)
      const chart = new Chart(
        canvas,
        lineChartConfig({ xLabel: 'x', yLabel: 'y', percent: true }, sampleLines(8).map(datasetFields)),
      )
      chart.data.datasets = sampleLines(120).map(datasetFields)
      chart.update('none')
      chart.destroy()
      box.remove()
    })
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 })
  else setTimeout(run, 200)
}
