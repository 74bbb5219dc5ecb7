import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { englishOnScreen } from './support/english-on-screen'
import { screenshotPath } from './support/screenshot-path'
import { expect, test } from './support/seed-runs'

/**
 * The Results view in Japanese: every tab of both seeded runs (the convolutional classifier and the
 * dense autoencoder) without an English word on screen — the figures' titles and alt texts
 * included — and the figures themselves drawn in Japanese (the SVG the page shows and the one it
 * exports are the `dllab figures --lang ja` figures).
 */
async function switchToJapanese(app: Page): Promise<void> {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  await expect(app.getByRole('heading', { level: 1, name: '設定' })).toBeVisible()
}

async function openResults(app: Page, runId: string): Promise<void> {
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '結果' }).click()
  await expect(app.getByRole('heading', { level: 1, name: '結果' })).toBeVisible()
  await app.getByLabel('実行', { exact: true }).selectOption(runId)
}

/** Waits until nothing on the page is loading (runs, figures, feature maps, im2col). */
const settled = (app: Page) => expect(app.locator('[aria-busy="true"]')).toHaveCount(0)

/** The SVG exported through the menu inside `scope` (the bytes the page shows and the CLI writes). */
async function exportedSvg(scope: Locator, title: string, file: string): Promise<string> {
  await scope.getByRole('button', { name: `${title} をエクスポート` }).click()
  const [download] = await Promise.all([
    scope.page().waitForEvent('download'),
    scope.getByRole('group', { name: '形式' }).getByRole('button', { name: 'SVG 画像', exact: true }).click(),
  ])
  expect(download.suggestedFilename()).toBe(file)
  return readFile(await download.path(), 'utf8')
}

/** Opens every tab of the chosen run, filling in the forms that show more, and checks each. */
async function everyTabInJapanese(app: Page, run: string): Promise<string[]> {
  const tabs = app.getByRole('tablist', { name: '結果の表示' }).getByRole('tab')
  await expect(tabs.first()).toBeVisible()
  const names: string[] = []
  for (const tab of await tabs.all()) {
    const name = (await tab.textContent())?.trim() ?? ''
    names.push(name)
    await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
    if (name === '特徴マップ') {
      await app.getByRole('button', { name: '表示', exact: true }).click()
      await expect(app.getByRole('img', { name: '入力: 画像 0' })).toBeVisible()
    }
    if (name === 'im2col の確認') {
      await app.getByRole('button', { name: '計算', exact: true }).click()
      await expect(app.getByTestId('im2col-check')).toBeVisible()
    }
    await settled(app)
    expect.soft(await englishOnScreen(app), `English words on the ${run} run's ${name} tab`).toEqual([])
  }
  return names
}

test('every Results tab of both runs is in Japanese, figures included', async ({ app, seeded }) => {
  await switchToJapanese(app)

  await openResults(app, seeded.classifier.runId)
  await settled(app)
  expect(await everyTabInJapanese(app, 'classifier')).toEqual(['評価', '図', '特徴マップ', 'im2col の確認'])

  await openResults(app, seeded.autoencoder.runId)
  await settled(app)
  expect(await everyTabInJapanese(app, 'autoencoder')).toEqual(['図'])
})

test('the figures are drawn in Japanese, on screen and exported', async ({ app, seeded }) => {
  await switchToJapanese(app)
  await openResults(app, seeded.classifier.runId)
  await app.getByRole('tab', { name: '図', exact: true }).click()
  await settled(app)
  await app.setViewportSize({ width: 1280, height: 1100 })
  await app.screenshot({ path: screenshotPath('results-ja') })

  // The captions are the figures' own Japanese titles; the loss name is notation.
  const loss = app.locator('[data-figure="loss"]')
  await expect(loss.locator('.figure-card-title')).toHaveText('サンプルあたりの誤差（softmax-cross-entropy）')
  const lossSvg = await exportedSvg(loss, 'サンプルあたりの誤差（softmax-cross-entropy）', 'loss.svg')
  expect(lossSvg).toContain('<title>サンプルあたりの誤差（softmax-cross-entropy）</title>')
  for (const word of ['エポック', '誤差', '学習データ', 'テストデータ'])
    expect(lossSvg).toContain(`>${word}</text>`)
  expect(lossSvg).toContain(`${seeded.classifier.runId} · 乱数シード 1</text>`)
  const weights = app.locator('[data-figure="weights-conv1"]')
  expect(await exportedSvg(weights, 'conv1 の重み', 'weights-conv1.svg')).toContain(
    '<title>conv1 の重み</title>',
  )

  // Exported from the Evaluation tab: the Japanese confusion matrix, as the CLI draws it.
  await app.getByRole('tab', { name: '評価', exact: true }).click()
  const evaluation = app.getByRole('tabpanel')
  const svg = await exportedSvg(evaluation, '混合行列', 'confusion-matrix.svg')
  expect(svg).toContain('<title>混合行列（テストデータ） — 正解数 ')
  for (const word of ['予測クラス', '正解クラス']) expect(svg).toContain(`>${word}</text>`)

  // The feature maps of one test image, drawn for the Feature maps tab.
  await app.getByRole('tab', { name: '特徴マップ', exact: true }).click()
  await app.getByRole('button', { name: '表示', exact: true }).click()
  const conv1 = app.locator('[data-figure="feature-maps-conv1-sample-0"]')
  const maps = await exportedSvg(conv1, 'conv1 (conv2d)、形状 4 × 28 × 28', 'feature-maps-conv1-sample-0.svg')
  expect(maps).toContain('<title>conv1 の特徴マップ（画像 #0）</title>')
  expect(maps).toContain('>conv2d、4 × 28 × 28</text>')

  // Back in English, the same figures speak English again.
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '設定' }).click()
  await app.getByLabel('言語').selectOption('en')
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Results' }).click()
  await app.getByRole('tab', { name: 'Figures', exact: true }).click()
  await expect(app.locator('[data-figure="loss"] .figure-card-title')).toHaveText(
    'Loss per sample (softmax-cross-entropy)',
  )
})

test('Home with its exercises and runs, and Train with a finished run, are in Japanese too', async ({
  app,
  seeded,
}) => {
  await switchToJapanese(app)
  const nav = app.getByRole('navigation', { name: 'メイン' })
  await nav.getByRole('link', { name: 'ホーム' }).click()
  await settled(app)
  // The exercises' cards: names, descriptions and models in Japanese (code shown as code).
  await expect(app.getByRole('heading', { level: 3, name: 'MNIST で LeNet-5' })).toBeVisible()
  await expect(app.getByRole('heading', { level: 3, name: 'DL.py(講義の実習①)' })).toBeVisible()
  await expect(app.locator('[data-run]')).toHaveCount(2)
  expect(await englishOnScreen(app), 'English words on Home').toEqual([])

  // Train, the classifier run chosen: its state, numbers, charts and settings.
  await app.locator(`[data-run="${seeded.classifier.runId}"]`).getByRole('button').first().click()
  await expect(app.getByRole('heading', { level: 1, name: '学習' })).toBeVisible()
  await settled(app)
  expect(await englishOnScreen(app), 'English words on Train').toEqual([])
})
