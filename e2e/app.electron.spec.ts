import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { electronBinary, launchDesktopApp, type DesktopApp } from './support/electron-app'
import { createImageFolder, dataset } from './support/image-folder'

const binary = await electronBinary()
const skipReason = 'Electron binary not installed: skipping desktop specs'
if (!binary) console.log(skipReason)

test.describe('desktop app (real Electron)', () => {
  test.skip(!binary, skipReason)

  let home: string
  let desktop: DesktopApp

  test.beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'dllab-e2e-desktop-home-'))
    await createImageFolder(home)
  })

  test.beforeEach(async () => {
    desktop = await launchDesktopApp(binary as string, home)
  })

  test.afterEach(async () => {
    await desktop.close()
  })

  test.afterAll(async () => {
    await rm(home, { recursive: true, force: true })
  })

  test('opens the app in a window kept apart from Node, with no console errors', async () => {
    const window = await desktop.app.firstWindow()
    const errors: string[] = []
    window.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    window.on('pageerror', (error) => errors.push(error.message))

    await expect(window.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible()
    expect(window.url()).not.toMatch(/^file:/)
    // The renderer has the preload's api and nothing of Node.
    expect(await window.evaluate('[typeof window.api, typeof require, typeof process]')).toEqual([
      'object',
      'undefined',
      'undefined',
    ])
    await window.getByRole('link', { name: 'Settings' }).click()
    await expect(window.getByText('Desktop app')).toBeVisible()
    expect(errors).toEqual([])
  })

  test('scans a folder chosen in the native dialog', async () => {
    const folder = join(home, dataset.name)
    // The native dialog cannot be clicked by a test: answer it from the main process instead.
    await desktop.app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [path],
      })) as typeof dialog.showOpenDialog
    }, folder)
    const window = await desktop.app.firstWindow()
    await window.getByRole('button', { name: 'Choose folder…' }).click()

    await expect(window.getByText(folder, { exact: true })).toBeVisible()
    for (const { name, images } of dataset.classes) {
      const card = window.getByRole('article', { name })
      await expect(card).toContainText(`${images} images`)
      await expect(card.getByRole('img')).toHaveCount(images)
    }
    await expect(window.getByRole('region', { name: 'Problems' })).toContainText(dataset.corrupt)
  })
})
