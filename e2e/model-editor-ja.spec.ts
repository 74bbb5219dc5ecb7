import type { Page } from '@playwright/test'
import { englishOnScreen } from './support/english-on-screen'
import { expect, test } from './support/fixtures'
import { screenshotPath } from './support/screenshot-path'

/**
 * The model editor on a Japanese screen: the engine's problems in Japanese with the same formula and
 * numbers as in English, names and JSON as notation (<code>), and no English left on the screen.
 */
async function openModelInJapanese(app: Page): Promise<void> {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: 'モデル' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'モデル' })).toBeVisible()
}

test('an invalid layer is explained in Japanese with the formula (I − F + 2p)/s + 1 and its numbers', async ({
  app,
}) => {
  await openModelInJapanese(app)
  await app.getByLabel('プリセット').selectOption({ label: 'LeNet-5(畳み込みニューラルネットワーク、28×28)' })
  const table = app.getByRole('table', { name: '出力サイズとパラメータ数' })
  await expect(table.getByRole('row').filter({ hasText: '合計' })).toContainText('61,706')

  // Stride 2 on the 5×5 kernel without padding: (28 − 5 + 2·0)/2 + 1 = 12.5.
  const conv1 = app.getByRole('article', { name: 'conv2d1', exact: true })
  await conv1.getByLabel('パディング').fill('0')
  await conv1.getByLabel('ストライド').fill('2')
  await expect(conv1).toContainText('無効な層')
  const problem = conv1.getByRole('listitem')
  await expect(problem).toHaveText(
    "畳み込み層 conv2d 'conv2d1': 出力サイズの高さ (28 − 5 + 2·0)/2 + 1 = 12.5 が整数になりません。" +
      'ストライドかパディングを変えてください',
  )
  await expect(problem.locator('code')).toHaveText(["conv2d 'conv2d1'"])
  await expect(table.getByRole('row').filter({ hasText: 'dense1' })).toContainText('未計算')
  expect(await englishOnScreen(app)).toEqual([])
  await app.getByRole('heading', { level: 1 }).click() // moves focus off the fields
  await app.screenshot({ path: screenshotPath('model-editor-ja') })

  // A field left empty: the schema's problem, the field named in Japanese and as written.
  await conv1.getByLabel('ストライド').fill('1')
  await conv1.getByLabel('フィルタ数').fill('')
  await expect(problem).toHaveText(
    'モデル仕様の layers[0](conv2d): フィルタ数 filters は正の整数でなければなりません(値: null)',
  )
  await expect(conv1.getByLabel('フィルタ数')).toHaveAttribute('aria-invalid', 'true')
  expect(await englishOnScreen(app)).toEqual([])

  // Back to English: the engine's own sentence.
  await conv1.getByLabel('フィルタ数').fill('6')
  await conv1.getByLabel('ストライド').fill('2')
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '設定' }).click()
  await app.getByLabel('言語').selectOption('en')
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model' }).click()
  await expect(app.getByRole('article', { name: 'conv2d1', exact: true }).getByRole('listitem')).toHaveText(
    "conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding",
  )
})

test('a file that is not a model spec is refused in Japanese; JSON.parse’s words stay English, marked so', async ({
  app,
}) => {
  await openModelInJapanese(app)
  const load = app.getByLabel('JSON を読み込む…')
  await load.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'dllab.model/1',
        input: { features: 784 },
        layers: [{ type: 'dense', unit: 10 }],
      }),
    ),
  })
  const refused = app.getByRole('alert').filter({ hasText: 'broken.json は正しいモデル仕様ではありません' })
  await expect(refused.getByRole('listitem')).toHaveText([
    'モデル仕様の layers[0](dense): ユニット数 units がありません。正の整数を指定してください',
    'モデル仕様の layers[0](dense): 不明な項目 "unit" があります。ここで使える項目は type, name, units, activation, useBias です',
  ])
  expect(await englishOnScreen(app)).toEqual([])
  await refused.getByRole('button', { name: '閉じる' }).click()

  await load.setInputFiles({
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": '),
  })
  const cut = app.getByRole('alert').filter({ hasText: 'cut.json は正しい JSON ではありません' })
  await expect(cut).toContainText('次の問題は英語でのみ報告されています:')
  await expect(cut.locator('[lang="en"]')).toHaveText(/JSON/)
  expect(await englishOnScreen(app)).toEqual([])
})
