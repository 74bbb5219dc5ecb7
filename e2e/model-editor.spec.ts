import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { screenshotPath } from './support/screenshot-path'

async function openModel(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible()
}

const shapesTable = (app: Page) => app.getByRole('table', { name: 'Shapes and parameters' })
const shapeRow = (app: Page, layer: string) => shapesTable(app).getByRole('row').filter({ hasText: layer })
const layerCard = (app: Page, layer: string) => app.getByRole('article', { name: layer, exact: true })

test('LeNet-5: a changed kernel updates the shapes, an invalid stride is flagged with the formula', async ({
  app,
}) => {
  await openModel(app)
  await expect(app.getByText('No model yet')).toBeVisible()
  await expect(app.getByRole('button', { name: 'Save JSON' })).toBeDisabled()

  await app.getByLabel('Start from').selectOption({ label: 'LeNet-5 (convolutional network, 28×28)' })
  const table = shapesTable(app)
  await expect(table.getByRole('row')).toHaveCount(1 + 1 + 8 + 1) // header, input, 8 layers, total
  await expect(shapeRow(app, 'Input')).toContainText('(B, 1, 28, 28)')
  await expect(shapeRow(app, 'conv2d1')).toContainText('(B, 6, 28, 28)')
  await expect(shapeRow(app, 'conv2d1')).toContainText('156')
  await expect(shapeRow(app, 'pool2d2')).toContainText('(B, 16, 5, 5)')
  await expect(shapeRow(app, 'flatten1')).toContainText('(B, 400)')
  await expect(shapeRow(app, 'dense3')).toContainText('(B, 10)')
  await expect(shapeRow(app, 'Total')).toContainText('61,706')

  // Kernel 5 → 3 with padding 2: (28 − 3 + 2·2)/1 + 1 = 30, and further down 11 does not halve.
  const conv1 = layerCard(app, 'conv2d1')
  await conv1.getByLabel('Kernel').fill('3')
  await expect(shapeRow(app, 'conv2d1')).toContainText('(B, 6, 30, 30)')
  await expect(conv1).toContainText(/Output\s*\(B, 6, 30, 30\)\s*60 parameters/)
  await expect(shapeRow(app, 'conv2d2')).toContainText('(B, 16, 11, 11)')
  const pool2 = layerCard(app, 'pool2d2')
  await expect(pool2).toContainText('Invalid layer')
  await expect(pool2).toContainText(
    "pool2d 'pool2d2': output height (11 − 2 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding",
  )
  await expect(shapeRow(app, 'pool2d2')).toContainText('invalid')
  await expect(shapeRow(app, 'flatten1')).toContainText('not computed')
  await expect(layerCard(app, 'dense1')).toContainText('Not computed: a layer above is invalid.')
  await expect(shapeRow(app, 'Total')).toContainText('—')
  await expect(app.getByRole('button', { name: 'Save JSON' })).toBeDisabled()

  // Padding 1 keeps 28 × 28 again with the smaller kernel.
  await conv1.getByLabel('Padding').fill('1')
  await expect(shapeRow(app, 'conv2d1')).toContainText('(B, 6, 28, 28)')
  await expect(shapeRow(app, 'pool2d2')).toContainText('(B, 16, 5, 5)')
  await expect(shapeRow(app, 'Total')).toContainText('61,610') // 61,706 − 156 + 6·(1·3·3) + 6

  // The lecture's formula with the numbers: stride 2, kernel 5, no padding on 28.
  await conv1.getByLabel('Kernel').fill('5')
  await conv1.getByLabel('Padding').fill('0')
  await conv1.getByLabel('Stride').fill('2')
  await expect(conv1).toContainText('(28 − 5 + 2·0)/2 + 1 = 12.5')
  await expect(conv1.getByRole('listitem')).toHaveText(
    "conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding",
  )
  await expect(shapeRow(app, 'conv2d1')).toContainText('invalid')
  for (const later of ['pool2d1', 'conv2d2', 'dense3']) {
    await expect(shapeRow(app, later)).toContainText('not computed')
  }
  // A batch size shows in place of B.
  await app.getByLabel('Batch size B').fill('64')
  await expect(shapeRow(app, 'Input')).toContainText('(64, 1, 28, 28)')

  await app.getByRole('heading', { level: 1 }).click() // moves focus off the fields
  await app.screenshot({ path: screenshotPath('model-editor') })

  // An empty field is a problem of that field, in the engine's words.
  await conv1.getByLabel('Stride').fill('1')
  await conv1.getByLabel('Filters').fill('')
  await expect(conv1.getByRole('listitem')).toHaveText(
    'model spec layers[0] (conv2d): filters must be a positive integer, got null',
  )
  await expect(conv1.getByLabel('Filters')).toHaveAttribute('aria-invalid', 'true')
  await conv1.getByLabel('Filters').fill('6')
  await expect(shapeRow(app, 'conv2d1')).toContainText('(64, 6, 24, 24)')
  await expect(app.getByRole('button', { name: 'Save JSON' })).toBeEnabled()
})

test('layers are added, moved from the keyboard, removed, saved as JSON and loaded back', async ({ app }) => {
  await openModel(app)
  await app.getByLabel('Start from').selectOption({ label: 'Tied autoencoder 784-100-784' })
  await expect(shapeRow(app, 'encoder')).toContainText('(B, 100)')
  await expect(shapeRow(app, 'decoder')).toContainText('(B, 784)')
  await expect(layerCard(app, 'decoder')).toContainText('uses the transposed W of encoder')
  await expect(shapeRow(app, 'Total')).toContainText('79,284')

  // Add a dropout layer at the end, then move it above the decoder with the keyboard.
  await app.getByLabel('New layer type').selectOption({ label: 'Dropout' })
  await app.getByRole('button', { name: 'Add layer' }).click()
  await expect(layerCard(app, 'dropout1')).toBeVisible()
  await expect(layerCard(app, 'dropout1').getByLabel('Rate')).toHaveValue('0.5')
  const up = app.getByRole('button', { name: 'Move dropout1 up' })
  await up.focus()
  await app.keyboard.press('Enter')
  const names = app.getByRole('table', { name: 'Shapes and parameters' }).locator('tbody .shape-layer-name')
  await expect(names).toHaveText(['encoder', 'dropout1', 'decoder'])
  await expect(up).toBeFocused()
  await app.keyboard.press('Enter') // now first: the up button is disabled, focus moves to down
  await expect(names).toHaveText(['dropout1', 'encoder', 'decoder'])
  await expect(app.getByRole('button', { name: 'Move dropout1 down' })).toBeFocused()
  await app.keyboard.press('Enter')
  await expect(names).toHaveText(['encoder', 'dropout1', 'decoder'])

  // Rename the encoder: the decoder stays tied to it.
  await layerCard(app, 'encoder').getByLabel('Name').fill('enc')
  await expect(layerCard(app, 'decoder').getByLabel('Tied to')).toHaveValue('enc')
  await app.getByLabel('Model name').fill('My AE')

  const downloading = app.waitForEvent('download')
  await app.getByRole('button', { name: 'Save JSON' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('my-ae.json')
  const saved = JSON.parse(await readFile((await download.path())!, 'utf8'))
  expect(saved).toEqual({
    format: 'dllab.model/1',
    name: 'My AE',
    input: { features: 784 },
    init: { scheme: 'glorot' },
    layers: [
      { type: 'dense', name: 'enc', units: 100, activation: 'sigmoid' },
      { type: 'dropout', rate: 0.5 },
      { type: 'tied-dense', name: 'decoder', tiedTo: 'enc', activation: 'sigmoid' },
    ],
  })

  // Remove the dropout layer: focus goes to the next layer's remove button.
  await app.getByRole('button', { name: 'Remove dropout1' }).click()
  await expect(names).toHaveText(['enc', 'decoder'])
  await expect(app.getByRole('button', { name: 'Remove decoder' })).toBeFocused()

  // A file that is not a model spec is refused with every problem listed; the model stays.
  await app.getByLabel('Load JSON…').setInputFiles({
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
  const problem = app.getByRole('alert').filter({ hasText: 'broken.json is not a valid model spec' })
  await expect(problem).toBeVisible()
  await expect(problem.getByRole('listitem')).toHaveText([
    'model spec layers[0] (dense): units is missing; it must be a positive integer',
    'model spec layers[0] (dense): unknown field "unit"; the fields here are type, name, units, activation, useBias',
  ])
  await expect(names).toHaveText(['enc', 'decoder'])
  await problem.getByRole('button', { name: 'Dismiss' }).click()
  await expect(problem).toBeHidden()

  // The saved file loads back, through the button as a person would.
  const choosing = app.waitForEvent('filechooser')
  await app.getByText('Load JSON…', { exact: true }).click()
  await (
    await choosing
  ).setFiles({
    name: 'my-ae.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(saved)),
  })
  await expect(names).toHaveText(['enc', 'dropout1', 'decoder'])
  await expect(app.getByLabel('Model name')).toHaveValue('My AE')
  await expect(shapeRow(app, 'Total')).toContainText('79,284')
})

test('the model editor speaks Japanese with the lecture’s terms', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: 'モデル' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'モデル' })).toBeVisible()
  await expect(app.getByText('モデルはまだありません')).toBeVisible()
  await app.getByLabel('プリセット').selectOption({ label: 'LeNet-5(畳み込みニューラルネットワーク、28×28)' })
  const table = app.getByRole('table', { name: '出力サイズとパラメータ数' })
  await expect(table.getByRole('columnheader')).toHaveText(['#', '層', '出力サイズ', 'パラメータ数'])
  await expect(table).toContainText('畳み込み層')
  await expect(table).toContainText('プーリング層')
  await expect(table).toContainText('全結合層')
  const conv1 = app.getByRole('article', { name: 'conv2d1' })
  await expect(conv1.getByLabel('フィルタサイズ')).toHaveValue('5')
  await expect(conv1.getByLabel('パディング')).toHaveValue('2')
  await expect(conv1.getByLabel('ストライド')).toHaveValue('1')
  await expect(conv1).toContainText('パラメータ 156 個')
  await conv1.getByLabel('ストライド').fill('2')
  await expect(conv1).toContainText('無効な層')
  await expect(table.getByRole('row').filter({ hasText: 'dense1' })).toContainText('未計算')
  await expect(app.getByRole('button', { name: 'JSON を保存' })).toBeDisabled()
  await expect(app.getByText('Shapes and parameters')).toHaveCount(0)
})
