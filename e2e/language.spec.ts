import { englishOnScreen } from './support/english-on-screen'
import { expect, test } from './support/fixtures'

test('switching to Japanese changes the visible text and survives a reload', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')

  const nav = app.getByRole('navigation', { name: 'メイン' })
  await expect(nav.getByRole('link')).toHaveText([
    'ホーム',
    'データセット',
    'モデル',
    '学習',
    '結果',
    '空間フィルタ',
    '設定',
  ])
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible()
  await expect(app.getByText('ワークスペースのフォルダー')).toBeVisible()
  await expect(app.getByRole('spinbutton', { name: '学習プロセス数' })).toBeVisible()
  await expect(app.locator('html')).toHaveAttribute('lang', 'ja')

  await app.reload()
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible()
  await expect(app.getByLabel('言語')).toHaveValue('ja')
  await nav.getByRole('link', { name: 'データセット' }).click()
  await expect(app.getByRole('heading', { name: '学習に使うデータ: MNIST(組み込み)' })).toBeVisible()
  await expect(app.getByRole('radio', { name: 'グレースケール(1 チャンネル)' })).toBeChecked()
  await expect(app.getByText('Datasets')).toHaveCount(0)

  await nav.getByRole('link', { name: '設定' }).click()
  await app.getByLabel('言語').selectOption('en')
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
})

test('every view is in Japanese: its heading, the sidebar, and no English left', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  const nav = app.getByRole('navigation', { name: 'メイン' })
  await expect(nav.getByRole('link', { name: 'データセット' })).toBeVisible()

  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/
  for (const link of await nav.getByRole('link').all()) {
    const name = (await link.textContent())?.trim() ?? ''
    expect(name, 'sidebar link').toMatch(japanese)
    await link.click()
    const heading = app.getByRole('heading', { level: 1 })
    await expect(heading).toHaveText(name)
    await expect(app.locator('[aria-busy="true"]')).toHaveCount(0)
    expect.soft(await englishOnScreen(app), `English words on the ${name} view`).toEqual([])
  }
})
