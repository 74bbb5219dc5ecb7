import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import { sampleImage } from '../src/renderer/src/components/filter-bench/sample-image'
import { expect, test } from './support/fixtures'
import { screenshotPath } from './support/screenshot-path'

async function openBench(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Filter bench' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Filter bench' })).toBeVisible()
}

/** The lecture's g(x, y) = Σ Σ h(k, l) f(x + k, y + l) with zero padding, written out plainly. */
function filterByHand(
  f: Float32Array,
  size: number,
  h: number[],
  n: number,
  padding: number,
  stride: number,
): number[] {
  const out: number[] = []
  const o = (size - n + 2 * padding) / stride + 1
  for (let y = 0; y < o; y++) {
    for (let x = 0; x < o; x++) {
      let sum = 0
      for (let k = 0; k < n; k++) {
        for (let l = 0; l < n; l++) {
          const row = y * stride + k - padding
          const col = x * stride + l - padding
          if (row >= 0 && row < size && col >= 0 && col < size) sum += h[k * n + l]! * f[row * size + col]!
        }
      }
      out.push(sum)
    }
  }
  return out
}

const minus = (v: number) => (v < 0 ? `−${-v}` : String(v))

/** What the test reads of a canvas in the page (the e2e project has no DOM types). */
interface Canvas2d {
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
  }
}

/** The RGBA of the pixel at (x, y) of a figure's canvas, as drawn. */
const pixel = (canvas: Locator, x: number, y: number) =>
  canvas.evaluate(
    (element, [px, py]) =>
      Array.from((element as unknown as Canvas2d).getContext('2d').getImageData(px, py, 1, 1).data),
    [x, y] as const,
  )

test('the sample image sharpened with padding 1 and stride 2: output size, pixels and pooling', async ({
  app,
}) => {
  await openBench(app)
  await expect(app.getByText('No image loaded')).toBeVisible()
  await app.getByRole('button', { name: 'Use sample image' }).click()

  const input = app.getByRole('img', { name: 'Input f: 99 × 99 pixels' })
  await expect(input).toBeVisible()
  // Real pixels of the drawn sample: the bright disc's centre and a white checkerboard square.
  expect(await pixel(input, 72, 72)).toEqual([245, 245, 245, 255])
  expect(await pixel(input, 9, 9)).toEqual([235, 235, 235, 255])

  await app
    .getByRole('combobox', { name: 'Filter', exact: true })
    .selectOption({ label: 'Sharpen (lecture)' })
  const weights = app.getByRole('group', { name: 'Weights of h (3 × 3)' })
  await expect(weights.locator('.kernel-cell')).toHaveText(['0', '−1', '0', '−1', '5', '−1', '0', '−1', '0'])

  // Padding 1 keeps the size; 3×3 max pooling with stride 2 gives (99 − 3)/2 + 1 = 49.
  const geometry = app.getByRole('region', { name: 'Padding and stride' })
  const size = geometry.getByRole('group', { name: 'Output size' })
  await expect(size).toContainText('Output 99 × 99')
  const pooling = app.getByRole('region', { name: 'Pooling' })
  await expect(pooling).toContainText('Output 49 × 49')

  await app.getByLabel('Zero padding p').fill('1')
  await app.getByLabel('Stride s').fill('2')
  await expect(size.getByRole('definition')).toHaveText([
    '(99 − 3 + 2·1)/2 + 1 = 50',
    '(99 − 3 + 2·1)/2 + 1 = 50',
  ])
  await expect(size).toContainText('Output 50 × 50')

  const expected = filterByHand(sampleImage().data, 99, [0, -1, 0, -1, 5, -1, 0, -1, 0], 3, 1, 2)
  const low = Math.min(...expected)
  const high = Math.max(...expected)
  const filtered = app.getByRole('figure').filter({ hasText: 'Filtered g (feature map)' })
  await expect(filtered.getByRole('img', { name: 'Filtered g (feature map): 50 × 50 pixels' })).toBeVisible()
  await expect(filtered).toContainText(`min ${minus(low)} · max ${minus(high)}`)

  // 3×3 windows no longer fit 50; 2×2 with stride 2 halves it: (50 − 2 + 2·0)/2 + 1 = 25.
  await expect(pooling).toContainText(
    'pool2d: output height (50 − 3 + 2·0)/2 + 1 = 24.5 is not an integer; change stride or padding',
  )
  const pooled = app.getByRole('figure').filter({ hasText: 'Pooled' })
  await expect(pooled).toContainText('Not computed — see the output size.')
  await pooling.getByLabel('Window size').fill('2')
  await expect(pooling.getByRole('definition')).toHaveText([
    '(50 − 2 + 2·0)/2 + 1 = 25',
    '(50 − 2 + 2·0)/2 + 1 = 25',
  ])
  await expect(pooled.getByRole('img', { name: 'Pooled: 25 × 25 pixels' })).toBeVisible()
  await expect(pooled).toContainText(`max ${minus(high)}`)

  await app.getByRole('heading', { level: 1 }).click() // moves focus off the fields
  await app.screenshot({ path: screenshotPath('filter-bench') })

  // Stride 3 does not fit: the engine's message with the numbers, and no output.
  await app.getByLabel('Stride s').fill('3')
  await expect(size.getByRole('definition').first()).toHaveText('(99 − 3 + 2·1)/3 + 1 = 33.6667')
  await expect(geometry).toContainText(
    'filter2d: output height (99 − 3 + 2·1)/3 + 1 = 33.6667 is not an integer; change stride or padding',
  )
  await expect(filtered).toContainText('Not computed — see the output size.')
  await expect(app.getByRole('img', { name: /^Filtered/ })).toHaveCount(0)

  // Lp pooling with p = 3 over 3×3 windows of the stride-1 output.
  await app.getByLabel('Stride s').fill('1')
  await pooling.getByLabel('Mode').selectOption({ label: 'Lp pooling' })
  await pooling.getByLabel('Window size').fill('3')
  await pooling.getByLabel('Stride').fill('3')
  await pooling.getByLabel('p', { exact: true }).fill('3')
  await expect(pooling.getByRole('definition').first()).toHaveText('(99 − 3 + 2·0)/3 + 1 = 33')
  await expect(app.getByRole('img', { name: 'Pooled: 33 × 33 pixels' })).toBeVisible()
})

test('a picture file is greyed as Pillow does, and Gabor and custom filters can be tuned', async ({
  app,
}) => {
  await openBench(app)
  // 40 × 30 of RGB (200, 100, 50): Pillow's L is (200·19595 + 100·38470 + 50·7471 + 32768) >> 16 = 124.
  const png = await sharp(
    Buffer.alloc(40 * 30 * 3).map((_, i) => [200, 100, 50][i % 3]!),
    {
      raw: { width: 40, height: 30, channels: 3 },
    },
  )
    .png()
    .toBuffer()
  const choosing = app.waitForEvent('filechooser')
  await app.getByText('Open image…', { exact: true }).click()
  await (await choosing).setFiles({ name: 'orange.png', mimeType: 'image/png', buffer: png })

  await expect(app.getByRole('img', { name: 'Input f: 40 × 30 pixels' })).toBeVisible()
  await expect(app.getByRole('figure').filter({ hasText: 'Input f' })).toContainText('orange.png')
  await app.getByRole('combobox', { name: 'Filter', exact: true }).selectOption({ label: 'Mean (smoothing)' })
  await app.getByLabel('Size N').fill('5')
  await app.getByLabel('Zero padding p').fill('0')
  await expect(app.getByRole('group', { name: 'Output size' }).first()).toContainText('Output 36 × 26')
  const filtered = app.getByRole('figure').filter({ hasText: 'Filtered g (feature map)' })
  await expect(filtered).toContainText('min 124 · max 124')

  // Gabor: the 9 × 9 filter is drawn as a picture; θ turns from the keyboard.
  await app.getByRole('combobox', { name: 'Filter', exact: true }).selectOption({ label: 'Gabor' })
  await expect(app.getByRole('img', { name: 'The filter h as a picture: 9 × 9 pixels' })).toBeVisible()
  const theta = app.getByLabel('Orientation θ')
  await theta.focus()
  await app.keyboard.press('ArrowRight')
  await app.keyboard.press('ArrowRight')
  await expect(theta).toHaveValue('10')
  await expect(app.getByText('10°')).toBeVisible()
  await expect(app.getByRole('group', { name: 'Output size' }).first()).toContainText('Output 32 × 22')

  // Sobel X copied into the custom grid and edited cell by cell.
  await app.getByRole('combobox', { name: 'Filter', exact: true }).selectOption({ label: 'Sobel X' })
  await app.getByRole('button', { name: 'Edit as custom' }).click()
  await expect(app.getByRole('combobox', { name: 'Filter', exact: true })).toHaveValue('custom')
  const centre = app.getByLabel('h row 2, column 2')
  await expect(centre).toHaveValue('0')
  await centre.fill('9')
  // A flat image: Σh · 124 = 9 · 124 everywhere.
  await expect(filtered).toContainText(`min ${9 * 124} · max ${9 * 124}`)
})

test('an unreadable file is reported and the filter bench speaks Japanese', async ({ app }) => {
  await openBench(app)
  await app.getByLabel('Open image…').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not a picture'),
  })
  const alert = app.getByRole('alert')
  await expect(alert).toContainText('notes.png could not be read as an image.')
  await alert.getByRole('button', { name: 'Dismiss' }).click()

  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '空間フィルタ' }).click()
  await expect(app.getByRole('heading', { level: 1, name: '空間フィルタ' })).toBeVisible()
  await expect(app.getByText('画像が読み込まれていません')).toBeVisible()
  await app.getByRole('button', { name: 'サンプル画像を使う' }).click()
  await expect(app.getByRole('img', { name: '入力画像 f: 99 × 99 画素' })).toBeVisible()
  await expect(app.getByRole('heading', { name: '空間フィルタ h' })).toBeVisible()
  await expect(app.getByRole('heading', { name: 'パディングとストライド' })).toBeVisible()
  await expect(app.getByRole('heading', { name: 'プーリング' })).toBeVisible()
  await app.getByLabel('ゼロパディング p').fill('1')
  await app.getByLabel('ストライド s').fill('2')
  await expect(app.getByRole('group', { name: '出力サイズ' }).first()).toContainText('出力 50 × 50')
  await expect(app.getByRole('combobox', { name: 'フィルタ', exact: true })).toHaveValue('sharpen')
  await expect(app.getByRole('option', { name: '鮮鋭化フィルタ(講義)' })).toHaveCount(1)
  await expect(app.getByText('Filter bench')).toHaveCount(0)
})
