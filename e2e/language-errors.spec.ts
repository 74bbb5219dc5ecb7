import { cp, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { englishOnScreen } from './support/english-on-screen'
import { expect, test } from './support/fixtures'
import { dataset } from './support/image-folder'

/**
 * What the services say in English (scan problems, error messages) reaches a Japanese screen in
 * Japanese: from the problem's or the error's code, with paths and names verbatim and any English
 * detail apart, marked as English.
 */

async function switchToJapanese(app: Page): Promise<void> {
  await app.getByRole('link', { name: 'Settings' }).click()
  await app.getByLabel('Language').selectOption('ja')
  await app.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: 'データセット' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'データセット' })).toBeVisible()
}

/** Chooses home/<name> in the in-app folder browser. */
async function chooseFolder(app: Page, name: string): Promise<void> {
  await app.getByRole('button', { name: 'フォルダーを選択…' }).click()
  const dialog = app.getByRole('dialog', { name: 'データセットのフォルダーを選択' })
  await dialog.getByRole('button', { name: `${name} を開く` }).click()
  await dialog.getByRole('button', { name: 'このフォルダーを選択' }).click()
  await expect(dialog).toBeHidden()
}

const settled = (app: Page) => expect(app.locator('[aria-busy="true"]')).toHaveCount(0)

test('the problems of a scanned folder and a missing-files error are in Japanese', async ({ app, home }) => {
  await switchToJapanese(app)
  await app.getByRole('radio', { name: 'クラスごとのフォルダー' }).check()
  await chooseFolder(app, dataset.name)
  await expect(
    app.getByRole('heading', { name: `学習に使うデータ: ${join(home, dataset.name)}` }),
  ).toBeVisible()
  await settled(app)

  // The broken file: its path verbatim, why in Japanese (the service's reason is English).
  const problems = app.getByRole('region', { name: '問題' }).getByRole('listitem')
  await expect(problems).toHaveCount(1)
  await expect(problems.locator('code').first()).toHaveText(dataset.corrupt)
  await expect(problems).toContainText('このアプリが読める画像ではありません')
  await expect(problems).not.toContainText('not an image')
  expect(await englishOnScreen(app)).toEqual([])

  // IDX files that are not there (the default names, in an empty folder): a service error.
  await app.getByRole('radio', { name: 'IDX ファイル' }).check()
  await chooseFolder(app, 'experiments')
  await app.getByRole('button', { name: 'このファイルを使う' }).click()
  const banner = app.getByRole('alert', { name: 'エラー' })
  await expect(banner).toContainText('データセットのファイルを 4 個読めません (存在しません)')
  // Every missing file named, in order, verbatim.
  await expect(banner.locator('code')).toHaveText(
    ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']
      .map((file) => join(home, 'experiments', file))
      .join(', '),
  )
  await expect(banner).not.toContainText('Cannot read')
  await settled(app)
  expect(await englishOnScreen(app)).toEqual([])
})

test('a chosen folder that vanished is reported in Japanese when read again', async ({ app, home }) => {
  const copy = join(home, 'shapes-vanishing')
  await rm(copy, { recursive: true, force: true })
  await mkdir(copy)
  await cp(join(home, dataset.name), copy, { recursive: true })

  await switchToJapanese(app)
  await app.getByRole('radio', { name: 'クラスごとのフォルダー' }).check()
  await chooseFolder(app, 'shapes-vanishing')
  await expect(app.getByRole('heading', { name: `学習に使うデータ: ${copy}` })).toBeVisible()
  await settled(app)

  await rm(copy, { recursive: true, force: true })
  await app.getByRole('button', { name: '再読み込み' }).click()
  const banner = app.getByRole('alert', { name: 'エラー' })
  await expect(banner).toContainText(`フォルダー ${copy} を開けません (存在しません)。`)
  await expect(banner.locator('code')).toHaveText(copy)
  await settled(app)
  expect(await englishOnScreen(app)).toEqual([])
})
