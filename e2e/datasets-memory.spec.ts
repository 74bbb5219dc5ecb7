import { cp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { dataset } from './support/image-folder'

/**
 * The dataset chosen in the Datasets view, with its preprocessing, is remembered across reloads (and
 * restarts of the desktop app); the Train view offers it. A remembered folder that is gone gives way
 * to built-in MNIST, with a notice.
 */
const nav = (app: Page) => app.getByRole('navigation', { name: 'Main' })
const summaryFigures = (app: Page) => app.getByRole('region', { name: 'Summary' }).getByRole('definition')
const preview = (app: Page) => app.getByRole('region', { name: 'Network input' })

async function chooseFolder(app: Page, name: string): Promise<void> {
  await app.getByRole('radio', { name: 'Class folders' }).check()
  await app.getByRole('button', { name: 'Choose folder…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await dialog.getByRole('button', { name: `Open ${name}` }).click()
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  await expect(dialog).toBeHidden()
}

test.beforeEach(async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Datasets' }).click()
})

test('the chosen folder and its preprocessing are still chosen after a reload', async ({ app, home }) => {
  const shapes = join(home, dataset.name)
  await chooseFolder(app, dataset.name)
  await expect(app.getByRole('heading', { name: `Training uses: ${shapes}` })).toBeVisible()
  await app.getByRole('radio', { name: 'RGB (3 channels)' }).check()
  await app.getByLabel('Size (pixels)').fill('16')
  await app.getByLabel('Size (pixels)').press('Enter')
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (3, 16, 16)')

  await app.reload()
  await nav(app).getByRole('link', { name: 'Datasets' }).click()
  await expect(app.getByRole('radio', { name: 'Class folders' })).toBeChecked()
  await expect(app.getByRole('heading', { name: `Training uses: ${shapes}` })).toBeVisible()
  await expect(summaryFigures(app)).toHaveText(['3', String(dataset.totalImages), '0', '1'])
  await expect(app.getByRole('radio', { name: 'RGB (3 channels)' })).toBeChecked()
  await expect(app.getByLabel('Size (pixels)')).toHaveValue('16')
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (3, 16, 16)')
  await expect(app.getByRole('alert')).toHaveCount(0)

  // Train offers it, after a reload straight into Train too.
  await app.reload()
  await nav(app).getByRole('link', { name: 'Train' }).click()
  const source = app.getByRole('region', { name: 'Experiment' }).getByLabel('Dataset')
  await expect(source.getByRole('option', { name: `Chosen in Datasets: ${shapes}` })).toHaveCount(1)
})

test('a remembered folder that is gone gives way to built-in MNIST, with a notice', async ({ app, home }) => {
  const copy = join(home, 'shapes-to-delete')
  await cp(join(home, dataset.name), copy, { recursive: true })
  await chooseFolder(app, 'shapes-to-delete')
  await expect(app.getByRole('heading', { name: `Training uses: ${copy}` })).toBeVisible()
  await rm(copy, { recursive: true, force: true })

  await app.reload()
  await nav(app).getByRole('link', { name: 'Datasets' }).click()
  const notice = app.getByRole('alert')
  await expect(notice).toContainText(
    `The dataset chosen last time (${copy}) cannot be read any more, so built-in MNIST is used.`,
  )
  await expect(app.getByRole('heading', { name: 'Training uses: MNIST (built in)' })).toBeVisible()
  await expect(app.getByRole('radio', { name: 'MNIST (built in)' })).toBeChecked()
  await expect(summaryFigures(app)).toHaveText(['10', '60,000', '10,000', '0'])
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(app.getByRole('alert')).toHaveCount(0)

  // MNIST is what is remembered now: no notice after the next reload.
  await app.reload()
  await nav(app).getByRole('link', { name: 'Datasets' }).click()
  await expect(summaryFigures(app)).toHaveText(['10', '60,000', '10,000', '0'])
  await expect(app.getByRole('alert')).toHaveCount(0)
})
