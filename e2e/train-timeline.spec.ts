import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { cifarMini, createCifarBatches } from './support/cifar-batches'

/**
 * The stage/channel timeline of the Train view, as a user sees it while runs train: a stacked
 * autoencoder's greedy pre-training stages, fine-tuning and the from-scratch comparison one after
 * another; the CIFAR-10 homework's three channel autoencoders in parallel, then the recombination.
 * Both runs are kept small (a few hundred steps) so they finish in seconds on a loaded machine.
 * After a reload the per-step curves come back from the run's metrics.jsonl (its step lines).
 */

interface TimelineRow {
  job: string
  status: string
  segments: { name: string; state: string }[]
}

/**
 * Records every different state of the timeline into window.__timeline, from before the run starts
 * (plain JavaScript: the e2e code is type-checked without the DOM's types).
 */
const recorder = `(() => {
  const seen = []
  window.__timeline = seen
  const snapshot = () => [...document.querySelectorAll('.run-timeline .timeline-row')].map((row) => ({
    job: row.getAttribute('data-job'),
    status: row.querySelector('.timeline-status').textContent.trim(),
    segments: [...row.querySelectorAll('.timeline-segment')].map((segment) => ({
      name: segment.querySelector('.timeline-segment-name').textContent.trim(),
      state: segment.getAttribute('data-state'),
    })),
  }))
  new MutationObserver(() => {
    const now = snapshot()
    if (now.length > 0 && JSON.stringify(now) !== JSON.stringify(seen.at(-1))) seen.push(now)
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
})()`
const timelineStates = (app: Page) => app.evaluate('window.__timeline') as Promise<TimelineRow[][]>

/** The number of points a chart draws (MetricChart writes it on each redraw). */
const chartPoints = async (app: Page, title: string) =>
  Number(await app.getByRole('figure', { name: title, exact: true }).getAttribute('data-points'))

const nav = (app: Page) => app.getByRole('navigation', { name: 'Main' })
const form = (app: Page) => app.getByRole('region', { name: 'Experiment' })

async function openExercise(app: Page, card: string | RegExp): Promise<void> {
  await nav(app).getByRole('link', { name: 'Home' }).click()
  await app
    .getByRole('article', { name: card })
    .getByRole('button', { name: /^Open / })
    .click()
  await expect(app.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible()
  await nav(app).getByRole('link', { name: 'Train' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible()
}

async function fill(app: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields))
    await form(app).getByLabel(label, { exact: true }).fill(value)
}

test('a stacked autoencoder’s stages run in order on the timeline, and its per-step curves survive a reload', async ({
  app,
}) => {
  test.setTimeout(90_000)
  await openExercise(app, 'Stacked autoencoders, then fine-tuning')
  await expect(form(app).getByLabel('Task', { exact: true })).toHaveValue('pretrain-stack')
  // 100 images per class, minibatches of 10: 100 steps in each of the four stages.
  await fill(app, {
    'Pre-training epochs per layer': '1',
    Epochs: '1',
    'Training images per class': '100',
    'Test images per class': '10',
    'Run name': 'stacked timeline',
  })
  await app.evaluate(recorder)
  await form(app).getByRole('button', { name: 'Start' }).click()

  const panel = app.getByRole('region', { name: 'stacked timeline' })
  const status = panel.getByRole('status').first()
  await expect(status).toHaveText('Finished', { timeout: 60_000 })
  const timeline = panel.getByRole('region', { name: 'Timeline' })
  const stages = ['Pre-training hidden1', 'Pre-training hidden2', 'Fine-tuning', 'From scratch']
  await expect(timeline.getByRole('progressbar')).toHaveCount(4)
  for (const stage of stages)
    await expect(timeline.getByRole('progressbar', { name: stage })).toHaveAttribute('aria-valuenow', '100')
  await expect(timeline.locator('.timeline-status')).toHaveText('Finished')

  // What the timeline showed, change by change: the stages finish one after another, never going back.
  const states = (await timelineStates(app)).map((rows) => rows[0]!.segments)
  expect(states.length).toBeGreaterThan(1)
  expect(states.at(-1)!.map((s) => `${s.name}: ${s.state}`)).toEqual(stages.map((s) => `${s}: done`))
  let reached = 0
  for (const segments of states) {
    expect(segments).toHaveLength(4)
    const done = segments.findIndex((s) => s.state !== 'done')
    const current = done === -1 ? 4 : done
    // Done stages first, then at most one active, the rest waiting.
    expect(segments.slice(current + 1).every((s) => s.state === 'waiting')).toBe(true)
    expect(current).toBeGreaterThanOrEqual(reached)
    reached = current
    // A stage's name is shown once it has begun (before: "Stage n").
    segments.slice(0, current + 1).forEach((s, i) => i < 4 && expect(s.name).toBe(stages[i]))
  }

  expect(await chartPoints(app, 'Loss per step')).toBeGreaterThan(0)
  // After a reload the step lines of metrics.jsonl draw the curves: one per step in each stage
  // (100 steps, far below 500 lines a stage); accuracy only for the two classifier stages.
  await app.reload()
  await expect(panel).toBeVisible()
  await expect.poll(() => chartPoints(app, 'Loss per step')).toBe(4 * 100)
  await expect.poll(() => chartPoints(app, 'Accuracy per step')).toBe(2 * 100)
  await expect(timeline.getByRole('progressbar', { name: 'From scratch' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  )
})

test('a run paused, reloaded and resumed keeps its per-step curve and its speed', async ({ app }) => {
  test.setTimeout(120_000)
  await openExercise(app, 'LeNet-5 on MNIST')
  // 10,000 images in minibatches of 16: 625 steps, a step line every 2 steps (⌈625 / 500⌉).
  await fill(app, {
    Epochs: '1',
    'Minibatch size': '16',
    'Training images per class': '1000',
    'Test images per class': '20',
    'Run name': 'reload while paused',
  })
  await form(app).getByRole('button', { name: 'Start' }).click()
  const panel = app.getByRole('region', { name: 'reload while paused' })
  const status = panel.getByRole('status').first()
  // Pause once this run has taken some steps (the chart may still show the run selected before it).
  const stepsTaken = async () =>
    Number(
      ((await panel.locator('[data-stat="step"] dd').textContent()) ?? '0').split('/')[0]!.replace(/,/g, ''),
    )
  await expect.poll(stepsTaken, { timeout: 40_000 }).toBeGreaterThanOrEqual(20)
  await panel.getByRole('button', { name: 'Pause' }).click()
  // Paused once the worker has stopped at a step (it says "Pausing…" until then).
  await expect(status).toHaveText('Paused')
  const live = await chartPoints(app, 'Loss per step')

  await app.reload()
  await expect(status).toHaveText('Paused')
  // The steps trained before the pause are on disk: at least as many points as progress drew live.
  await expect.poll(() => chartPoints(app, 'Loss per step')).toBeGreaterThanOrEqual(live)
  await expect(panel.locator('[data-stat="rate"] dd')).toHaveText(/^\d[\d,.]*$/)
  await expect(panel.locator('[data-stat="eta"] dd')).toHaveText(/^\d+:\d\d$/)

  await panel.getByRole('button', { name: 'Resume' }).click()
  await expect(status).toHaveText('Finished', { timeout: 60_000 })
  await app.reload()
  // Finished: every step line of the run (steps 2, 4, …, 624) is a point.
  await expect.poll(() => chartPoints(app, 'Loss per step')).toBe(312)
  await expect.poll(() => chartPoints(app, 'Accuracy per step')).toBe(312)
  await expect.poll(() => chartPoints(app, 'Accuracy per epoch')).toBe(2)
})

test('the CIFAR-10 homework trains R, G and B side by side, then recombines them', async ({ app, home }) => {
  test.setTimeout(120_000)
  await createCifarBatches(home)
  // Datasets: the CIFAR-10 binary files of a small folder, read in colour.
  await nav(app).getByRole('link', { name: 'Datasets' }).click()
  await app.getByRole('radio', { name: 'CIFAR-10 binary' }).check()
  await app.getByRole('button', { name: 'Choose folder…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await dialog.getByRole('button', { name: `Open ${cifarMini.folder}` }).click()
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  await app.getByLabel('Training batches').fill(cifarMini.train)
  await app.getByLabel('Test batch').fill(cifarMini.test)
  await app.getByRole('button', { name: 'Use these files' }).click()
  await expect(app.getByRole('region', { name: 'Summary' }).getByRole('definition')).toHaveText([
    '10',
    '60',
    '20',
    '0',
  ])
  await app.getByRole('radio', { name: 'RGB (3 channels)' }).check()
  await expect(app.getByRole('region', { name: 'Network input' })).toContainText('(3, 32, 32)')

  await openExercise(app, /CIFAR-10 homework/)
  await form(app).getByLabel('Dataset').selectOption('datasets')
  // Per-sample updates, 30 random draws an epoch, 2 epochs: 60 steps per channel.
  await fill(app, {
    Epochs: '2',
    'Draws per epoch': '30',
    'Training images per class': '6',
    'Test images per class': '2',
    'Run name': 'homework timeline',
  })
  await app.evaluate(recorder)
  await form(app).getByRole('button', { name: 'Start' }).click()

  const panel = app.getByRole('region', { name: 'homework timeline' })
  await expect(panel.getByRole('status').first()).toHaveText('Finished', { timeout: 90_000 })
  const rows = panel.getByRole('region', { name: 'Timeline' }).locator('.timeline-row')
  await expect(rows.locator('.timeline-job')).toHaveText(['Channel R', 'Channel G', 'Channel B', 'Recombine'])
  await expect(rows.locator('.timeline-status')).toHaveText(['Finished', 'Finished', 'Finished', 'Finished'])

  // The recombination waits until all three channels have finished.
  const states = await timelineStates(app)
  expect(states.length).toBeGreaterThan(1)
  for (const snapshot of states) {
    const byJob = Object.fromEntries(snapshot.map((row) => [row.job, row.status]))
    if (byJob.combine === 'Running' || byJob.combine === 'Finished')
      expect([byJob.R, byJob.G, byJob.B]).toEqual(['Finished', 'Finished', 'Finished'])
  }
  expect(states.some((s) => s.filter((row) => row.status === 'Running').length >= 1)).toBe(true)
})
