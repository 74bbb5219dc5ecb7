import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'

/**
 * Charts stay smooth while training. MetricChart times its own work with performance.measure
 * (src/renderer/src/charts/chart-timing.ts): each chart creation and each redraw ("flush"). During a
 * real run on built-in MNIST, with the Train view open, a second run started and runs switched, every
 * one of those must take < 50 ms. Long tasks (anything on the main thread > 50 ms: Vue, layout, the
 * charts) are listed in the test's annotations; as CI machines are loaded (another process can hold
 * the core in the middle of a task), only a generous bound is asserted on them.
 */

interface Timing {
  name: string
  chart: string
  start: number
  duration: number
}
interface Recorded {
  measures: Timing[]
  longTasks: { start: number; duration: number }[]
}
const CHART_BUDGET_MS = 50
const LONG_TASK_BOUND_MS = 500

/**
 * Observes chart measures and long tasks in the page into window.__smoothness (plain JavaScript: the
 * e2e code is type-checked without the DOM's types).
 */
const recorder = `(() => {
  const recorded = { measures: [], longTasks: [] }
  window.__smoothness = recorded
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.name.startsWith('dllab:chart-')) continue
      const chart = String(entry.detail)
      recorded.measures.push({ name: entry.name, chart, start: entry.startTime, duration: entry.duration })
    }
  }).observe({ type: 'measure' })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      recorded.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask' })
})()`
const record = (app: Page) => app.evaluate(recorder)
const recorded = (app: Page) => app.evaluate('window.__smoothness') as Promise<Recorded>
const now = (app: Page) => app.evaluate('performance.now()') as Promise<number>
const measured = async (app: Page, name: string) =>
  (await recorded(app)).measures.filter((m) => m.name === name).length
const creations = (app: Page) => measured(app, 'dllab:chart-create')
const chartPoints = async (app: Page, title: string) =>
  Number(await app.getByRole('figure', { name: title, exact: true }).getAttribute('data-points'))

async function startRun(app: Page, name: string, epochs: number, perClass: number): Promise<void> {
  const form = app.getByRole('region', { name: 'Experiment' })
  await form.getByLabel('Epochs').fill(String(epochs))
  await form.getByLabel('Minibatch size').fill('16')
  await form.getByLabel('Training images per class').fill(String(perClass))
  await form.getByLabel('Test images per class').fill('30')
  await form.getByLabel('Run name').fill(name)
  await form.getByRole('button', { name: 'Start' }).click()
  await expect(app.getByRole('region', { name })).toBeVisible()
}

const summary = (timings: readonly { duration: number }[]) => {
  const sorted = timings.map((t) => t.duration).sort((a, b) => a - b)
  const at = (q: number) => (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1)
  return `${sorted.length}, median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`
}

// Wall-clock timing on a shared 2-core machine (the training process runs beside the browser): one
// retry, so that the OS parking the tab once is not read as a slow chart. A chart that is really slow
// (before the frame queue: creations of 371 ms, tasks of 798 ms) fails both attempts.
test.describe.configure({ retries: 1 })

test('charts redraw in under 50 ms each while a run trains, and a run switch re-creates none', async ({
  app,
}) => {
  test.setTimeout(150_000)
  await app
    .getByRole('article', { name: 'LeNet-5 on MNIST' })
    .getByRole('button', { name: 'Open LeNet-5 on MNIST' })
    .click()
  await record(app)
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Train' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible()
  // Chart.js's first run, on a hidden canvas while the view is idle (a user takes longer to fill in the form).
  await expect.poll(() => measured(app, 'dllab:chart-warmup')).toBe(1)
  const sinceWarmUp = await now(app)

  // Run A: two epochs, so the per-step charts redraw many times and the per-epoch ones get points.
  await startRun(app, 'Smooth A', 2, 150)
  await expect.poll(() => chartPoints(app, 'Loss per step'), { timeout: 60_000 }).toBeGreaterThan(5)
  await expect.poll(() => creations(app)).toBe(4) // loss and accuracy, per step and per epoch

  // Comparing A adds the overlay chart; run B takes the panel: its four charts are A's, kept.
  await app.getByRole('checkbox', { name: 'Compare Smooth A' }).check()
  await expect.poll(() => creations(app)).toBe(5)
  await startRun(app, 'Smooth B', 1, 20)
  await app.getByRole('button', { name: /^Smooth A/ }).click()
  await expect(app.getByRole('button', { name: /^Smooth A/ })).toHaveAttribute('aria-current', 'true')
  const panel = app.getByRole('region', { name: 'Smooth A' })
  await expect(panel.getByRole('status').first()).toHaveText('Finished', { timeout: 120_000 })
  await expect.poll(() => chartPoints(app, 'Accuracy per epoch')).toBe(4) // train and test, 2 epochs
  expect(await creations(app)).toBe(5)

  const { measures, longTasks: allLongTasks } = await recorded(app)
  const longTasks = allLongTasks.filter((t) => t.start + t.duration > sinceWarmUp)
  const warmUp = measures.filter((m) => m.name === 'dllab:chart-warmup')
  const flushes = measures.filter((m) => m.name === 'dllab:chart-flush')
  const created = measures.filter((m) => m.name === 'dllab:chart-create')
  const slowest = [...measures].sort((a, b) => b.duration - a.duration).slice(0, 5)
  test.info().annotations.push(
    { type: 'chart warm-up (idle, hidden canvas)', description: summary(warmUp) },
    { type: 'chart creations', description: summary(created) },
    { type: 'chart flushes', description: summary(flushes) },
    {
      type: 'slowest chart work',
      description: slowest.map((m) => `${m.name} "${m.chart}" ${m.duration.toFixed(1)} ms`).join('; '),
    },
    {
      type: 'long tasks',
      description:
        longTasks.length === 0
          ? 'none'
          : `${summary(longTasks)}: ${longTasks.map((t) => t.duration.toFixed(0)).join(', ')} ms`,
    },
    {
      type: 'long tasks opening the view',
      description: allLongTasks
        .filter((t) => t.start + t.duration <= sinceWarmUp)
        .map((t) => `${t.duration.toFixed(0)} ms`)
        .join(', '),
    },
  )
  // Many redraws of the per-step charts; the per-epoch ones only when an epoch ends.
  expect(flushes.filter((m) => m.chart === 'Loss per step').length).toBeGreaterThan(5)
  expect(flushes.filter((m) => m.chart === 'Loss per epoch').length).toBeLessThanOrEqual(6)
  for (const m of [...created, ...flushes])
    expect(m.duration, `${m.name} "${m.chart}" at ${m.start.toFixed(0)} ms`).toBeLessThan(CHART_BUDGET_MS)
  for (const t of longTasks)
    expect(t.duration, `long task at ${t.start.toFixed(0)} ms`).toBeLessThan(LONG_TASK_BOUND_MS)
})
