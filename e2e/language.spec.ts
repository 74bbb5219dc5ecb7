import { expect, test } from './support/fixtures'

test('switching to Japanese changes the visible text and survives a reload', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')

  const nav = app.getByRole('navigation', { name: 'メイン' })
  await expect(nav.getByRole('link')).toHaveText([
    'データセット',
    'モデル',
    '学習',
    '結果',
    '空間フィルタ',
    '設定',
  ])
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible()
  await expect(app.getByText('ワークスペースのフォルダー')).toBeVisible()
  await expect(app.locator('html')).toHaveAttribute('lang', 'ja')

  await app.reload()
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible()
  await expect(app.getByLabel('言語')).toHaveValue('ja')
  await nav.getByRole('link', { name: 'データセット' }).click()
  await expect(app.getByRole('button', { name: 'フォルダーを選択…' })).toBeVisible()
  await expect(app.getByText('フォルダーがまだ選択されていません')).toBeVisible()
  await expect(app.getByText('Datasets')).toHaveCount(0)

  await nav.getByRole('link', { name: '設定' }).click()
  await app.getByLabel('言語').selectOption('en')
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
})
