import type { Page } from '@playwright/test'
import { LATIN_NAMES } from '../src/renderer/src/i18n/latin-names'
import { expect, test } from './support/fixtures'

/**
 * Latin words a Japanese screen may show: the names without a Japanese form (as words: "VGG-mini"
 * is "VGG" and "mini" on screen) and the app's own name. Anything else of four or more letters is
 * English left on a Japanese screen.
 */
const allowed = new Set(['DL', 'Lab', ...LATIN_NAMES.flatMap((name) => name.split('-'))])

/**
 * Words of 4+ Latin letters in the visible text of the page, outside <code> (paths, file names),
 * form fields (user input) and elements marked lang="…" other than Japanese (text from files that
 * exists in one language only). A message key left untranslated ("datasets.title") shows up too.
 */
async function englishOnScreen(app: Page): Promise<string[]> {
  // Runs in the page (a string: this file is type-checked without the DOM library).
  const text = await app.evaluate<string>(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const parts = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('code, pre, script, style, [hidden], [aria-hidden="true"]')) continue
      // Content marked as another language (e.g. a file's English text, lang="en") is not the UI's.
      if (!parent.closest('[lang]')?.getAttribute('lang')?.startsWith('ja')) continue
      if (parent.getClientRects().length === 0) continue
      parts.push(node.textContent ?? '')
    }
    return parts.join(' ')
  })()`)
  return (text.match(/[A-Za-z]{4,}/g) ?? []).filter((word) => !allowed.has(word))
}

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
