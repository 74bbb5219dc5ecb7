import { screenshotPath } from './support/screenshot-path'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/fixtures'

test('the workspace folder is shown and can be changed with the folder browser', async ({ app, home }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  const workspace = app.getByRole('region', { name: 'Workspace folder' })
  const path = workspace.locator('code')
  // The service's default for a home without a Documents folder.
  const defaultWorkspace = join(home, 'DL Lab')
  await expect(path).toHaveText(defaultWorkspace)

  await workspace.getByRole('button', { name: 'Change…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose the workspace folder' })
  // The browser starts in the workspace, or at home while the workspace is not made yet (specs run
  // before this one in the same worker share its home, and one that trains makes the workspace).
  if (existsSync(defaultWorkspace)) {
    await expect(dialog.locator('code')).toHaveText(defaultWorkspace)
    await dialog.getByRole('button', { name: 'Up', exact: true }).click()
  }
  await expect(dialog.locator('code')).toHaveText(home)
  await dialog.getByRole('button', { name: 'Open experiments' }).click()
  await expect(dialog.locator('code')).toHaveText(join(home, 'experiments'))
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  await expect(path).toHaveText(join(home, 'experiments'))

  await app.reload()
  await expect(app.getByRole('region', { name: 'Workspace folder' }).locator('code')).toHaveText(
    join(home, 'experiments'),
  )
})

test('the number of training processes is saved and kept after a reload', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  const processes = app.getByRole('spinbutton', { name: 'Training processes' })
  // The service's default: one process per core of this machine (1 … 16).
  await expect(processes).toHaveValue(/^([1-9]|1[0-6])$/)
  await expect(app.getByText('Runs started beyond this wait in the queue', { exact: false })).toBeVisible()

  await processes.fill('3')
  await processes.press('Enter')
  await processes.blur()
  await app.reload()
  await expect(app.getByRole('spinbutton', { name: 'Training processes' })).toHaveValue('3')
  await app.getByRole('heading', { level: 1 }).hover()
  await app.screenshot({ path: screenshotPath('settings') })

  // Out of range: marked, explained and not saved.
  await app.getByRole('spinbutton', { name: 'Training processes' }).fill('17')
  await app.getByRole('spinbutton', { name: 'Training processes' }).blur()
  await expect(app.getByRole('spinbutton', { name: 'Training processes' })).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await expect(app.getByText('Enter a whole number from 1 to 16.')).toBeVisible()
  await app.reload()
  await expect(app.getByRole('spinbutton', { name: 'Training processes' })).toHaveValue('3')
})
