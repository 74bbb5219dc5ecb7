import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { dataset } from './support/image-folder'
import { screenshotPath } from './support/screenshot-path'

/** MNIST's training images per digit 0–9 (they sum to 60,000). */
const mnistPerClass = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
const count = (n: number) => n.toLocaleString('en')

const summaryFigures = (app: Page) => app.getByRole('region', { name: 'Summary' }).getByRole('definition')
const preview = (app: Page) => app.getByRole('region', { name: 'Network input' })
const previewImages = (app: Page) => preview(app).getByRole('img')

/** Each preview image is the input tensor drawn at its own size, shown enlarged with square pixels. */
async function expectPreviewSize(images: Locator, size: number, zoom: number): Promise<void> {
  await expect(images.first()).toHaveJSProperty('naturalWidth', size)
  await expect(images.first()).toHaveJSProperty('naturalHeight', size)
  await expect(images.first()).toHaveAttribute('width', String(size * zoom))
  await expect(images.first()).toHaveCSS('image-rendering', 'pixelated')
}

// The app opens on Home; each test starts in the Datasets view.
test.beforeEach(async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click()
})

test.beforeEach(async ({ app }) => {
  await app.getByRole('link', { name: 'Datasets' }).click()
})

test('built-in MNIST is shown at once, and the preview follows the preprocessing', async ({ app }) => {
  await expect(app.getByRole('radio', { name: 'MNIST (built in)' })).toBeChecked()
  await expect(app.getByRole('heading', { name: 'Training uses: MNIST (built in)' })).toBeVisible()
  await expect(summaryFigures(app)).toHaveText(['10', '60,000', '10,000', '0'])

  for (const [digit, images] of mnistPerClass.entries()) {
    const card = app.getByRole('article', { name: String(digit) })
    await expect(card).toContainText(`${count(images)} images`)
    await expect(card.getByRole('img')).toHaveCount(4)
  }

  await expect(previewImages(app)).toHaveCount(8)
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (1, 28, 28)')
  await expectPreviewSize(previewImages(app), 28, 4)
  // MNIST scaled to [0, 1]: black background (0), ink up to at most 1.
  await expect(preview(app).getByText(/^min 0 · max (1|0\.\d+) · mean 0\.\d+$/)).toHaveCount(8)

  await app.getByRole('radio', { name: 'RGB (3 channels)' }).check()
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (3, 28, 28)')

  const size = app.getByLabel('Size (pixels)')
  await expect(size).toHaveAttribute('placeholder', '28')
  await size.fill('14')
  await size.press('Enter')
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (3, 14, 14)')
  await expectPreviewSize(previewImages(app), 14, 8)

  await app.getByRole('radio', { name: 'Grey (1 channel)' }).check()
  await app.getByRole('radio', { name: 'None, values 0 to 255' }).check()
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (1, 14, 14)')
  // Unscaled: the values are the pixels' 0 … 255 again.
  await expect(preview(app).getByText(/^min 0 · max (1\d\d|2[0-5]\d) · mean \d+(\.\d+)?$/)).toHaveCount(8)

  await size.fill('')
  await size.press('Enter')
  await app.getByRole('radio', { name: 'x / 255, values in [0, 1]' }).check()
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (1, 28, 28)')
  await expect(app.locator('[aria-busy="true"]')).toHaveCount(0)
  await app.getByRole('heading', { level: 1 }).hover()
  await app.screenshot({ path: screenshotPath('datasets'), fullPage: true })
})

test('a folder of class folders chosen in the web folder browser', async ({ app, home }) => {
  await app.getByRole('radio', { name: 'Class folders' }).check()
  await app.getByRole('button', { name: 'Choose folder…' }).click()

  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await expect(dialog).toBeVisible()
  const shown = dialog.locator('code')
  await expect(shown).toHaveText(home)
  await dialog.getByRole('button', { name: `Open ${dataset.name}` }).click()
  await expect(shown).toHaveText(join(home, dataset.name))
  await expect(dialog.getByRole('list', { name: 'Sub-folders' }).getByRole('button')).toHaveText(
    dataset.classes.map((c) => c.name),
  )
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  await expect(dialog).toBeHidden()

  await expect(app.getByRole('heading', { name: `Training uses: ${join(home, dataset.name)}` })).toBeVisible()
  await expect(summaryFigures(app)).toHaveText([
    String(dataset.classes.length),
    String(dataset.totalImages),
    '0',
    '1',
  ])
  for (const { name, images } of dataset.classes) {
    const card = app.getByRole('article', { name })
    await expect(card).toContainText(`${images} images`)
    await expect(card.getByRole('img')).toHaveCount(Math.min(images, 4))
    const thumbnail = app.getByRole('img', { name: `${name}: sample 1` })
    // Decoded by sharp in the service and shown: a real 48×48 picture, not a broken image.
    await expect(thumbnail).toHaveJSProperty('naturalWidth', 48)
  }
  const problems = app.getByRole('region', { name: 'Problems' }).getByRole('listitem')
  await expect(problems).toHaveCount(1)
  await expect(problems).toContainText(dataset.corrupt)

  await expect(previewImages(app)).toHaveCount(8)
  await app.getByLabel('Size (pixels)').fill('16')
  await app.getByLabel('Size (pixels)').press('Enter')
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (1, 16, 16)')
  await expectPreviewSize(previewImages(app), 16, 7)
})

/** An IDX file: magic (0, 0, type 0x08 = ubyte, dimensions), the sizes big-endian, then the bytes. */
function idx(dims: number[], bytes: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length)
  header.writeUInt8(0x08, 2)
  header.writeUInt8(dims.length, 3)
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i))
  return Buffer.concat([header, Buffer.from(bytes)])
}

test('IDX files in a chosen folder, with file names confirmed by the user', async ({ app, home }) => {
  // Six 4×4 images of classes 0, 1, 2, 0, 1, 2 (class 2 brightest), under names of our own.
  const folder = join(home, 'idx-digits')
  await mkdir(folder, { recursive: true })
  const labels = [0, 1, 2, 0, 1, 2]
  await writeFile(
    join(folder, 'images.idx'),
    idx(
      [6, 4, 4],
      labels.flatMap((l) => Array(16).fill(l * 100)),
    ),
  )
  await writeFile(join(folder, 'labels.idx'), idx([6], labels))

  await app.getByRole('radio', { name: 'IDX files' }).check()
  await expect(app.getByLabel('Training images', { exact: true })).toHaveValue('train-images-idx3-ubyte')
  await expect(app.getByRole('button', { name: 'Use these files' })).toBeDisabled()
  await app.getByRole('button', { name: 'Choose folder…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await dialog.getByRole('button', { name: 'Open idx-digits' }).click()
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()

  await app.getByLabel('Training images', { exact: true }).fill('images.idx')
  await app.getByLabel('Training labels').fill('labels.idx')
  await app.getByLabel('Test images').fill('')
  await app.getByLabel('Test labels').fill('')
  await app.getByRole('button', { name: 'Use these files' }).click()

  await expect(summaryFigures(app)).toHaveText(['3', '6', '0', '0'])
  await expect(app.getByRole('article', { name: '2' })).toContainText('2 images')
  await expect(preview(app)).toContainText('Input shape (C, Y, X): (1, 4, 4)')
  // Flat images: min = max = mean = value/255 of each class, class after class.
  await expect(preview(app).getByRole('figure')).toHaveText([
    /^0\s*min 0 · max 0 · mean 0$/,
    /^1\s*min 0\.392 · max 0\.392 · mean 0\.392$/,
    /^2\s*min 0\.784 · max 0\.784 · mean 0\.784$/,
    /^0/,
    /^1/,
    /^2/,
  ])
})

test('a missing file is reported and the dataset in use is kept', async ({ app, home }) => {
  await expect(summaryFigures(app)).toHaveText(['10', '60,000', '10,000', '0'])
  await app.getByRole('radio', { name: 'CIFAR-10 binary' }).check()
  await app.getByRole('button', { name: 'Choose folder…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Choose a dataset folder' })
  await dialog.getByRole('button', { name: 'Open experiments' }).click()
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  await app.getByRole('button', { name: 'Use these files' }).click()

  await expect(app.getByRole('alert')).toContainText(join(home, 'experiments', 'data_batch_1.bin'))
  await expect(app.getByRole('heading', { name: 'Training uses: MNIST (built in)' })).toBeVisible()
  await expect(summaryFigures(app)).toHaveText(['10', '60,000', '10,000', '0'])
})

test('the source and preprocessing can be chosen from the keyboard', async ({ app }) => {
  await expect(summaryFigures(app)).toHaveText(['10', '60,000', '10,000', '0'])
  const mnist = app.getByRole('radio', { name: 'MNIST (built in)' })
  await mnist.focus()
  await app.keyboard.press('ArrowRight')
  await expect(app.getByRole('radio', { name: 'Class folders' })).toBeChecked()
  await expect(app.getByRole('radio', { name: 'Class folders' })).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(app.getByRole('button', { name: 'Choose folder…' })).toBeFocused()
  await app.keyboard.press('Shift+Tab')
  await app.keyboard.press('ArrowLeft')
  await expect(mnist).toBeChecked()

  const grey = app.getByRole('radio', { name: 'Grey (1 channel)' })
  await grey.focus()
  await app.keyboard.press('ArrowDown')
  await expect(app.getByRole('radio', { name: 'RGB (3 channels)' })).toBeChecked()
  await expect(preview(app)).toContainText('(3, 28, 28)')
  await app.keyboard.press('Tab')
  await expect(app.getByLabel('Size (pixels)')).toBeFocused()
  await app.keyboard.type('7')
  await app.keyboard.press('Enter')
  await expect(preview(app)).toContainText('(3, 7, 7)')
})
