import type { ChartConfiguration, ChartDataset } from 'chart.js'
import type { ChartLine } from './chart-lines'
import type { Point } from './decimated-series'

export type LineDataset = ChartDataset<'line', Point[]>

export interface AxisText {
  xLabel: string
  yLabel: string
  /** y in [0, 1] shown as a percentage (accuracy). */
  percent: boolean
}

/** A tick or tooltip value: "12.5 %" for accuracies, 4 significant digits for losses. */
export const formatValue = (value: number, percent: boolean) =>
  percent
    ? `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 1)} %`
    : Number(value.toPrecision(4)).toString()

/**
 * A training chart's Chart.js configuration: linear x (steps or epochs) and y, no animation, points
 * already in Chart.js's internal form (`parsing: false`, sorted: `normalized`), legend below.
 */
export function lineChartConfig(
  text: AxisText,
  datasets: LineDataset[],
): ChartConfiguration<'line', Point[]> {
  const format = (value: number) => formatValue(value, text.percent)
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      elements: { line: { tension: 0 } },
      scales: {
        // Labels never rotated: Chart.js then skips the rotation search on every update.
        x: {
          type: 'linear',
          title: { display: true, text: text.xLabel },
          ticks: { precision: 0, maxRotation: 0 },
        },
        y: {
          type: 'linear',
          title: { display: true, text: text.yLabel },
          ...(text.percent ? { suggestedMin: 0, suggestedMax: 1 } : {}),
          ticks: { callback: (value) => format(Number(value)) },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 2 } },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${format(item.parsed.y ?? Number.NaN)}`,
          },
        },
      },
    },
  }
}

/** A line's dataset fields (its points copied: Chart.js patches the methods of the arrays it is given). */
export function datasetFields(line: ChartLine): LineDataset {
  const few = line.points.length <= 60
  return {
    label: line.label,
    data: line.points.slice(),
    borderColor: line.colour,
    backgroundColor: line.colour,
    borderDash: line.dashed ? [6, 4] : [],
    borderWidth: 1.5,
    pointRadius: few ? 2.5 : 0,
    pointHoverRadius: 4,
  }
}
