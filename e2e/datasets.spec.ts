import { screenshotPath } from './support/screenshot-path'
import { join } from 'node:path'
import { dataset } from './support/image-folder'
import { expect, test } from './support/fixtures'

test('a folder of images chosen in the web folder browser is scanned into classes', async ({ app, home }) => {
  await expect(app.getByText('No folder chosen yet')).toBeVisible()
  await app.getByRole('button', { name: 'Choose folder…' }).click()

  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await expect(dialog).toBeVisible()
  const shown = dialog.locator('code')
  await expect(shown).toHaveText(home)
  await dialog.getByRole('button', { name: `Open ${dataset.name}` }).click()
  await expect(shown).toHaveText(join(home, dataset.name))
  await expect(dialog.getByRole('list', { name: 'Sub-folders' }).getByRole('button')).toHaveText(
    dataset.classes.map((c) => c.name),
  )
  await dialog.getByRole('button', { name: 'Up' }).click()
  await expect(shown).toHaveText(home)
  await dialog.getByRole('button', { name: `Open ${dataset.name}` }).click()
  await expect(shown).toHaveText(join(home, dataset.name))
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  await expect(dialog).toBeHidden()

  await expect(app.getByText(join(home, dataset.name), { exact: true })).toBeVisible()
  const summary = app.getByRole('region', { name: 'Summary' })
  await expect(summary.getByRole('definition')).toHaveText([
    String(dataset.classes.length),
    String(dataset.totalImages),
    '1',
  ])

  for (const { name, images } of dataset.classes) {
    const card = app.getByRole('article', { name })
    await expect(card).toContainText(`${images} images`)
    const thumbnails = card.getByRole('img')
    await expect(thumbnails).toHaveCount(images)
    for (let i = 0; i < images; i++) {
      const thumbnail = app.getByRole('img', { name: `${name}: sample ${i + 1}` })
      await expect(thumbnail).toBeVisible()
      // Decoded by sharp in the service and shown: a real 48×48 picture, not a broken image.
      await expect(thumbnail).toHaveJSProperty('naturalWidth', 48)
      await expect(thumbnail).toHaveJSProperty('naturalHeight', 48)
    }
  }

  const problems = app.getByRole('region', { name: 'Problems' })
  const unreadable = problems.getByRole('listitem')
  await expect(unreadable).toHaveCount(1)
  await expect(unreadable).toContainText(dataset.corrupt)
  expect((await unreadable.innerText()).replace(dataset.corrupt, '').trim()).not.toBe('')

  await app.getByRole('heading', { level: 1 }).hover()
  await app.screenshot({ path: screenshotPath('datasets') })
})

test("a folder without class sub-folders shows the service's message", async ({ app, home }) => {
  await app.getByRole('button', { name: 'Choose folder…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await dialog.getByRole('button', { name: `Open ${dataset.flat}` }).click()
  await expect(dialog.getByText('This folder has no sub-folders.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()

  const alert = app.getByRole('alert')
  await expect(alert).toContainText(`${join(home, dataset.flat)} has no class folders`)
  await expect(app.getByText('No folder chosen yet')).toBeVisible()
  await alert.getByRole('button', { name: 'Dismiss' }).click()
  await expect(alert).toBeHidden()
})

test('the folder browser can be cancelled from the keyboard', async ({ app, home }) => {
  const choose = app.getByRole('button', { name: 'Choose folder…' })
  await choose.click()
  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await expect(dialog.locator('code')).toHaveText(home)
  await expect(dialog.getByRole('button', { name: 'Open experiments' })).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(choose).toBeFocused()
  await expect(app.getByText('No folder chosen yet')).toBeVisible()
})
