import type { Page } from '@playwright/test'
import { expect, test } from './support/seed-runs'
import { screenshotPath } from './support/screenshot-path'

/** MNIST's class names as the built-in source gives them. */
const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']

async function openResults(app: Page, runId: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Results' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible()
  await app.getByLabel('Run', { exact: true }).selectOption(runId)
}

const tab = (app: Page, name: string) => app.getByRole('tab', { name, exact: true })

test('the confusion matrix shows the evaluation, and a cell opens its images with confidences', async ({
  app,
  seeded,
}) => {
  const evaluation = seeded.classifier.evaluation.classification!
  const classes = evaluation.classes
  expect(classes).toEqual(digits)
  await openResults(app, seeded.classifier.runId)
  await expect(tab(app, 'Evaluation')).toHaveAttribute('aria-selected', 'true')

  // The header's numbers are evaluation.json's: accuracy and the correct count (the trace).
  await expect(app.getByTestId('accuracy')).toHaveText(`${(evaluation.accuracy * 100).toFixed(2)} %`)
  await expect(app.getByTestId('correct-count')).toHaveText(`${evaluation.correct} of ${evaluation.total}`)
  const trace = evaluation.confusion.reduce((sum, row, i) => sum + row[i]!, 0)
  expect(trace).toBe(evaluation.correct)

  // Every cell: row = true class, column = predicted, the count as its text and in its name.
  const matrix = app.getByRole('table', { name: 'Confusion matrix' })
  for (let i = 0; i < classes.length; i++) {
    for (let j = 0; j < classes.length; j++) {
      const count = evaluation.confusion[i]![j]!
      await expect(
        matrix.getByRole('button', {
          name: `${count} test images of ${classes[i]} predicted as ${classes[j]}`,
          exact: true,
        }),
      ).toHaveText(String(count))
    }
  }

  // The most populated mistake: its images, most confident first.
  let worst = { label: 0, predicted: 1, count: -1 }
  evaluation.confusion.forEach((row, label) =>
    row.forEach((count, predicted) => {
      if (label !== predicted && count > worst.count) worst = { label, predicted, count }
    }),
  )
  expect(worst.count).toBeGreaterThan(0)
  await matrix
    .getByRole('button', {
      name: `${worst.count} test images of ${classes[worst.label]} predicted as ${classes[worst.predicted]}`,
    })
    .click()
  const panel = app.getByRole('region', {
    name: new RegExp(`^${classes[worst.label]} predicted as ${classes[worst.predicted]}`),
  })
  await expect(panel.getByRole('img')).toHaveCount(Math.min(worst.count, 48))
  await expect(panel.getByRole('img').first()).toHaveJSProperty('naturalWidth', 28)
  await expect(panel.getByRole('img').first()).toHaveAttribute(
    'alt',
    new RegExp(`: ${classes[worst.label]}, predicted ${classes[worst.predicted]}$`),
  )
  const confidences = (await panel.getByText(/^Confidence /).allTextContents()).map((text) =>
    Number(/Confidence ([\d.]+) %/.exec(text)![1]),
  )
  expect(confidences).toHaveLength(Math.min(worst.count, 48))
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
  // A confidence is the predicted class's probability (softmax of the outputs): 1/K … 100 %.
  for (const c of confidences) {
    expect(c).toBeGreaterThanOrEqual(100 / classes.length)
    expect(c).toBeLessThanOrEqual(100)
  }

  // Keyboard: the arrow keys move between cells, Enter opens one.
  await matrix.getByRole('button').first().focus()
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('ArrowRight')
  await app.keyboard.press('Enter')
  await expect(
    app.getByRole('region', { name: new RegExp(`^${classes[1]} predicted as ${classes[1]}`) }),
  ).toBeVisible()

  // Per-class precision and recall, as evaluation.json has them.
  const perClass = app.getByRole('table', { name: 'Precision, recall and F1 per class' })
  const first = evaluation.perClass[0]!
  await expect(perClass.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    String(first.support),
    String(first.predictedCount),
    first.precisionDefined ? first.precision.toFixed(3) : '—',
    first.recallDefined ? first.recall.toFixed(3) : '—',
    first.f1Defined ? first.f1.toFixed(3) : '—',
  ])
  // Tall enough for the matrix, the cell's images and the per-class table, sidebar included.
  await app.setViewportSize({ width: 1280, height: 1320 })
  await app.screenshot({ path: screenshotPath('results') })
})

test('filters and reconstructions of the autoencoder run', async ({ app, seeded }) => {
  const reconstruction = seeded.autoencoder.evaluation.reconstruction!
  await openResults(app, seeded.autoencoder.runId)
  await expect(tab(app, 'Figures')).toHaveAttribute('aria-selected', 'true')
  await expect(tab(app, 'Evaluation')).toHaveCount(0)
  await expect(app.getByText(reconstruction.meanSse.toFixed(4), { exact: true })).toBeVisible()

  const weights = app.locator('[data-figure="weights-enc"] img')
  const reconstructions = app.locator('[data-figure="reconstructions"] img')
  for (const image of [weights, reconstructions, app.locator('[data-figure="loss"] img')]) {
    await expect(image).toBeVisible()
    await expect
      .poll(() => image.evaluate((img: { naturalWidth: number }) => img.naturalWidth))
      .toBeGreaterThan(100)
  }

  // One range for all tiles: the figure is drawn again, with other grey levels.
  const before = await weights.getAttribute('src')
  await app.getByRole('radio', { name: 'One range for all tiles' }).check()
  await expect(weights).not.toHaveAttribute('src', before!)
  await expect(app.getByRole('radio', { name: 'One range for all tiles' })).toBeChecked()
})

test('feature maps of a chosen image and the im2col inspector of conv1', async ({ app, seeded }) => {
  await openResults(app, seeded.classifier.runId)
  await tab(app, 'Feature maps').click()
  await app.getByLabel(/^Test image/).fill('3')
  await app.getByRole('button', { name: 'Show', exact: true }).click()
  await expect(app.getByRole('img', { name: 'Input: image 3' })).toBeVisible()
  // conv1 has 4 filters on 28 × 28 with padding 2: (4, 28, 28); pool1 halves it.
  await expect(app.getByText(/^conv1 \(conv2d\), shape 4 × 28 × 28$/)).toBeVisible()
  await expect(app.getByText(/^pool1 \(pool2d\), shape 4 × 14 × 14$/)).toBeVisible()

  await tab(app, 'im2col').click()
  await app.getByLabel('Output row y').fill('10')
  await app.getByLabel('Output column x').fill('12')
  await app.getByRole('button', { name: 'Compute' }).click()
  // X' has C·FY·FX = 1·5·5 = 25 rows and one column per position of the 2 × 2 patch.
  await expect(app.getByTestId('im2col-formula')).toHaveText('U′ = F X′ + b: (4 × 25) · (25 × 4) = (4 × 4)')
  await expect(app.getByRole('table', { name: /^X′: unrolled input/ }).getByRole('row')).toHaveCount(26)
  await expect(app.getByRole('table', { name: 'U′ = F X′ + b' }).getByRole('columnheader')).toHaveText([
    'position (10, 12)',
    'position (10, 13)',
    'position (11, 12)',
    'position (11, 13)',
  ])
  const check = await app.getByTestId('im2col-check').textContent()
  const difference = Number(/: (.+)$/.exec(check ?? '')![1])
  expect(difference).toBeLessThan(1e-4)
})
