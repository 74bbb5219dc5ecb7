import { expect, test } from './support/fixtures'

test('Home lists the lecture’s exercises with their networks, and opens one from the keyboard', async ({
  app,
}) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible()
  const cards = app.getByRole('article')
  await expect(cards).toHaveCount(11) // resources/presets/*.json
  const dl = app.getByRole('article', { name: 'DL.py (lecture 実習①)' })
  await expect(dl).toContainText('Classification')
  await expect(dl).toContainText('7 layers · input 196 · 96,106 parameters')
  const homework = app.getByRole('article', { name: /CIFAR-10 homework/ })
  await expect(homework).toContainText('One autoencoder per colour channel')
  await expect(app.getByText('No runs yet: open an exercise, then start it in Train.')).toBeVisible()

  // The stacked autoencoders: Tab to the card's button and open it with Enter.
  const open = app.getByRole('button', { name: 'Open Stacked autoencoders, then fine-tuning' })
  await open.focus()
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { level: 1, name: 'Model' })).toBeVisible()
  await expect(app.getByRole('table', { name: 'Shapes and parameters' })).toContainText('hidden2')
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Train' }).click()
  const form = app.getByRole('region', { name: 'Experiment' })
  await expect(form.getByLabel('Task', { exact: true })).toHaveValue('pretrain-stack')
  await expect(form.getByLabel('Pre-training epochs per layer')).toHaveValue('30')
  await expect(form.getByLabel('Training images per class')).toHaveValue('100')
})

test('Home speaks Japanese with the lecture’s terms', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: 'ホーム' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible()
  // The exercise's name, description and model in Japanese (the preset file holds the English).
  const lenet = app.getByRole('article', { name: 'MNIST で LeNet-5' })
  await expect(lenet).toContainText('識別')
  await expect(lenet).toContainText('3 エポック以内にテスト精度 98.5 % 以上を目指します')
  await expect(lenet).toContainText('8 層 · 入力 1×28×28 · パラメータ 61,706 個')
  await lenet.getByRole('button', { name: 'MNIST で LeNet-5 を開く' }).click()
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '学習' }).click()
  const form = app.getByRole('region', { name: '実験' })
  await expect(form.getByText('MNIST で LeNet-5', { exact: true })).toBeVisible()
  await expect(form.getByLabel('最適化手法')).toHaveValue('adam')
  await expect(form.getByLabel('学習率 α')).toHaveValue('0.001')
  await expect(form.getByLabel('ミニバッチサイズ')).toHaveValue('64')
  await expect(form.getByLabel('エポック数')).toHaveValue('3')
  await expect(form.getByRole('button', { name: '開始' })).toBeEnabled()
})
