import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

/**
 * Chart.js with only what the training charts use (line charts on linear axes, legend, tooltip),
 * registered once, so the bundle leaves the rest out.
 */
Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip)

export { Chart }
