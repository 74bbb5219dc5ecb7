import { englishOnScreen } from './support/english-on-screen'
import { expect, test } from './support/fixtures'

/**
 * Train in Japanese while a run lives and after it stops: the state, the numbers, the charts' titles
 * and the reason the run stopped (the supervisor's English sentence, said in Japanese by its kind).
 */
test('a run started and cancelled in Japanese says why it stopped, in Japanese', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  const nav = app.getByRole('navigation', { name: 'メイン' })
  await nav.getByRole('link', { name: 'ホーム' }).click()
  await app.getByRole('button', { name: 'MNIST で LeNet-5 を開く' }).click()
  await nav.getByRole('link', { name: '学習' }).click()

  const form = app.getByRole('region', { name: '実験' })
  await form.getByLabel('エポック数').fill('20')
  await form.getByLabel('実行名').fill('ja cancel')
  await form.getByRole('button', { name: '開始' }).click()

  const panel = app.getByRole('region', { name: 'ja cancel' })
  const status = panel.getByRole('status').first()
  await expect(status).toHaveText('学習中', { timeout: 30_000 })
  expect(await englishOnScreen(app), 'English words while training').toEqual([])

  await panel.getByRole('button', { name: '中止' }).click()
  await expect(status).toHaveText('中止', { timeout: 30_000 })
  await expect(panel.getByText('ユーザーがキャンセルしました。', { exact: true })).toBeVisible()
  expect(await englishOnScreen(app), 'English words after the cancel').toEqual([])
})
