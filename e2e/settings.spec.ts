import { join } from 'node:path'
import { expect, test } from './support/fixtures'

test('the workspace folder is shown and can be changed with the folder browser', async ({ app, home }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  const workspace = app.getByRole('region', { name: 'Workspace folder' })
  const path = workspace.locator('code')
  // The service's default for a home without a Documents folder; it does not exist yet.
  await expect(path).toHaveText(join(home, 'DL Lab'))

  await workspace.getByRole('button', { name: 'Change…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose the workspace folder' })
  // The browser starts in the workspace, or at home while the workspace is not made yet.
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
