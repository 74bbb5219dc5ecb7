import { expect, test } from './support/fixtures'

const views = [
  { link: 'Home', empty: null },
  { link: 'Datasets', empty: null },
  { link: 'Model', empty: 'No model yet' },
  { link: 'Train', empty: 'No runs yet' },
  { link: 'Results', empty: 'No results yet' },
  { link: 'Filter bench', empty: 'No image loaded' },
  { link: 'Settings', empty: null },
]

test('the app loads with no console errors and no CSP violations', async ({ page, server, problems }) => {
  await page.goto(server.url)
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible()
  // The token has done its work (the server set the session cookie) and left the address bar.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false)

  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const view of views) {
    const link = nav.getByRole('link', { name: view.link, exact: true })
    await link.click()
    await expect(page.getByRole('heading', { level: 1, name: view.link })).toBeVisible()
    await expect(link).toHaveAttribute('aria-current', 'page')
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1)
    if (view.empty) await expect(page.getByText(view.empty)).toBeVisible()
  }

  expect(problems).toEqual({ consoleErrors: [], consoleWarnings: [], pageErrors: [], cspViolations: [] })
})

test('the sidebar works from the keyboard and a reload stays on the view', async ({ app }) => {
  const nav = app.getByRole('navigation', { name: 'Main' })
  await app.keyboard.press('Tab')
  await expect(nav.getByRole('link', { name: 'Home' })).toBeFocused()
  await app.keyboard.press('Tab')
  await app.keyboard.press('Tab')
  await app.keyboard.press('Tab')
  await expect(nav.getByRole('link', { name: 'Train' })).toBeFocused()
  await app.keyboard.press('Enter')

  const heading = app.getByRole('heading', { level: 1, name: 'Train' })
  await expect(heading).toBeFocused()
  await expect(nav.getByRole('link', { name: 'Train' })).toHaveAttribute('aria-current', 'page')
  expect(new URL(app.url()).hash).toBe('#/train')

  await app.reload()
  await expect(app.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible()
  await app.goBack()
  await expect(app.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible()
})

test('the CSP refuses an inline script, and the check above would notice', async ({
  page,
  server,
  problems,
}) => {
  await page.goto(server.url)
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible()
  await page.evaluate(`{
    const script = document.createElement('script')
    script.textContent = 'window.inlineRan = true'
    document.body.append(script)
  }`)
  await expect.poll(() => problems.cspViolations).toHaveLength(1)
  expect(problems.cspViolations[0]).toMatch(/^script-src(-elem)? blocked inline/)
  expect(await page.evaluate('window.inlineRan === true')).toBe(false)
})
