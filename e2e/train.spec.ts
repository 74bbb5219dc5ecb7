import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { screenshotPath } from './support/screenshot-path'

const nav = (app: Page) => app.getByRole('navigation', { name: 'Main' })
const shapeRow = (app: Page, layer: string) =>
  app.getByRole('table', { name: 'Shapes and parameters' }).getByRole('row').filter({ hasText: layer })
/** The number of points a chart draws (MetricChart writes it on each redraw). */
const chartPoints = async (app: Page, title: string) =>
  Number(await app.getByRole('figure', { name: title, exact: true }).getAttribute('data-points'))

test('a new user opens LeNet-5 from Home, edits it, and trains it briefly on built-in MNIST', async ({
  app,
}) => {
  test.setTimeout(90_000)
  await expect(app.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible()
  const card = app.getByRole('article', { name: 'LeNet-5 on MNIST' })
  await expect(card).toContainText('8 layers · input 1×28×28 · 61,706 parameters')
  await app.getByRole('heading', { level: 1 }).hover()
  await app.screenshot({ path: screenshotPath('home') })

  // One click: the model editor shows LeNet-5's layers.
  await card.getByRole('button', { name: 'Open LeNet-5 on MNIST' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible()
  await expect(app.getByLabel('Model name')).toHaveValue('LeNet-5')
  await expect(shapeRow(app, 'conv1')).toContainText('(B, 6, 28, 28)')
  await expect(shapeRow(app, 'Total')).toContainText('61,706')

  // 8 filters instead of 6: conv1 has 8·(5·5) + 8 = 208 parameters, conv2 16·8·25 + 16 = 3,216.
  const conv1 = app.getByRole('article', { name: 'conv1', exact: true })
  await conv1.getByLabel('Filters').fill('8')
  await expect(shapeRow(app, 'conv1')).toContainText('(B, 8, 28, 28)')
  await expect(shapeRow(app, 'conv1')).toContainText('208')
  await expect(shapeRow(app, 'conv2')).toContainText('3,216')
  await expect(shapeRow(app, 'Total')).toContainText('62,558') // 61,706 + 52 + 800

  // A kernel larger than the padded input is flagged on the layer, with the numbers.
  await conv1.getByLabel('Kernel').fill('40')
  await expect(conv1).toContainText('Invalid layer')
  await expect(conv1).toContainText('the height 40 window is larger than the padded input 28 + 2·2 = 32')
  await expect(shapeRow(app, 'conv1')).toContainText('invalid')
  await conv1.getByLabel('Kernel').fill('5')
  await expect(shapeRow(app, 'Total')).toContainText('62,558')

  // Train: the exercise's settings, shortened to two epochs on 1,000 images per class: long enough
  // (1,250 steps) that the pause lands while it trains, even on a fast machine.
  await nav(app).getByRole('link', { name: 'Train' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible()
  const form = app.getByRole('region', { name: 'Experiment' })
  await expect(form).toContainText('From the exercise “LeNet-5 on MNIST”')
  await expect(form).toContainText('Model: LeNet-5')
  await expect(form.getByLabel('Dataset')).toHaveValue('mnist')
  await expect(form.getByLabel('Epochs')).toHaveValue('3')
  await expect(form.getByLabel('Optimizer')).toHaveValue('adam')
  await form.getByLabel('Epochs').fill('2')
  await form.getByLabel('Minibatch size').fill('16')
  await form.getByLabel('Training images per class').fill('1000')
  await form.getByLabel('Test images per class').fill('100')
  await form.getByLabel('Run name').fill('LeNet-5 short trial')
  await form.getByRole('button', { name: 'Start' }).click()

  const panel = app.getByRole('region', { name: 'LeNet-5 short trial' })
  await expect(panel).toBeVisible()
  const status = panel.getByRole('status').first()
  await expect(status).toHaveText(/Queued|Running/)

  // The per-step chart gains points as progress arrives.
  await expect.poll(() => chartPoints(app, 'Loss per step'), { timeout: 30_000 }).toBeGreaterThan(0)
  const early = await chartPoints(app, 'Loss per step')
  await panel.getByRole('button', { name: 'Pause' }).click()
  await expect(status).toHaveText('Paused')
  await app.waitForTimeout(300) // the chart draws what arrived before the pause within 100 ms
  const paused = await chartPoints(app, 'Loss per step')
  expect(paused).toBeGreaterThanOrEqual(early)
  await app.waitForTimeout(700)
  expect(await chartPoints(app, 'Loss per step')).toBe(paused) // nothing trains while paused

  await panel.getByRole('button', { name: 'Resume' }).click()
  await expect(status).toHaveText(/Running|Finished/)
  await expect(status).toHaveText('Finished', { timeout: 45_000 })
  expect(await chartPoints(app, 'Loss per step')).toBeGreaterThan(paused)
  // Two epochs: a training and a test point per epoch on each per-epoch chart.
  await expect.poll(() => chartPoints(app, 'Accuracy per epoch')).toBe(4)
  const result = panel.locator('[data-stat="result"]')
  await expect(result).toContainText(/Accuracy\s*\d{1,3}\.\d\d %/)
  const accuracy = Number(/(\d{1,3}\.\d\d) %/.exec(await result.innerText())![1])
  // 10,000 images, two epochs: far above chance (10 %).
  expect(accuracy).toBeGreaterThan(50)

  await app.getByRole('heading', { level: 1 }).hover()
  await app.screenshot({ path: screenshotPath('train'), fullPage: true })

  // After a reload the run's epochs come back from its folder (runs.detail), and it can be compared.
  await app.reload()
  await expect(app.getByRole('region', { name: 'LeNet-5 short trial' })).toBeVisible()
  await expect.poll(() => chartPoints(app, 'Accuracy per epoch')).toBe(4)
  // …and its steps from the step lines (2 epochs of 625 steps, a line every ⌈1250 / 500⌉ = 3 steps).
  await expect.poll(() => chartPoints(app, 'Loss per step')).toBe(416)
  await app.getByRole('checkbox', { name: 'Compare LeNet-5 short trial' }).check()
  await expect.poll(() => chartPoints(app, 'Compare runs')).toBe(2) // its test accuracy after epochs 1 and 2

  // Home lists the run with its accuracy and leads back to it.
  await nav(app).getByRole('link', { name: 'Home' }).click()
  const row = app
    .getByRole('region', { name: 'Recent runs' })
    .getByRole('row')
    .filter({ hasText: 'LeNet-5 short trial' })
  await expect(row).toContainText('Finished')
  await expect(row).toContainText(`${accuracy.toFixed(2)} %`)
  await row.getByRole('button', { name: 'Show LeNet-5 short trial in Train' }).click()
  await expect(app.getByRole('region', { name: 'LeNet-5 short trial' })).toBeVisible()
})
