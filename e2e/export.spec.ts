import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Download, Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import { renderPng } from '../src/main/services/figures/render-png'
import { expect, test } from './support/seed-runs'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Opens a figure's export menu, chooses a format and returns the browser download it starts. */
async function exportAs(app: Page, menu: Locator, format: string): Promise<Download> {
  await menu.click()
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('group', { name: 'Formats' }).getByRole('button', { name: format, exact: true }).click(),
  ])
  return download
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile(await download.path())
}

/** The width and height of an SVG's root element. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)![0]
  return {
    width: Number(/\swidth="(\d+)"/.exec(root)![1]),
    height: Number(/\sheight="(\d+)"/.exec(root)![1]),
  }
}

async function openResults(app: Page, runId: string): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Results' }).click()
  await app.getByLabel('Run', { exact: true }).selectOption(runId)
}

test('a figure exports as SVG and as a PNG equal to the CLI’s, by browser download', async ({
  app,
  seeded,
}) => {
  await openResults(app, seeded.classifier.runId)
  const menu = app.getByRole('button', { name: 'Export Confusion matrix' })

  const svgDownload = await exportAs(app, menu, 'SVG')
  expect(svgDownload.suggestedFilename()).toBe('confusion-matrix.svg')
  const svg = (await bytesOf(svgDownload)).toString('utf8')
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  // It parses as an image of the size it declares, and holds the evaluation's counts.
  const { width, height } = svgSize(svg)
  const parsed = await sharp(Buffer.from(svg)).metadata()
  expect([parsed.format, parsed.width, parsed.height]).toEqual(['svg', width, height])
  const correct = seeded.classifier.evaluation.classification!.correct
  expect(svg).toContain(String(correct))
  await expect(app.getByText('Downloaded confusion-matrix.svg')).toBeVisible()

  const pngDownload = await exportAs(app, menu, 'PNG 2×')
  expect(pngDownload.suggestedFilename()).toBe('confusion-matrix@2x.png')
  const png = await bytesOf(pngDownload)
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
  // IHDR: width and height, big-endian, at bytes 16 and 20: twice the SVG's.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * width, 2 * height])
  // The same bytes `dllab figures --scale 2` writes for this SVG.
  expect(png.equals(await renderPng(svg, { scale: 2 }))).toBe(true)

  // The numbers behind it, as CSV.
  const csv = (await bytesOf(await exportAs(app, menu, 'CSV (numbers)'))).toString('utf8')
  expect(csv.length).toBeGreaterThan(0)
})

test('the filter bench exports its pictures as SVG and PNG', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Filter bench' }).click()
  await app.getByRole('button', { name: 'Use sample image' }).click()
  const menu = app.getByRole('button', { name: 'Export filter bench' })
  const svg = (await bytesOf(await exportAs(app, menu, 'SVG'))).toString('utf8')
  // Input f, filtered g and pooled: three tiles.
  expect(svg.match(/<image /g)).toHaveLength(3)
  const { width, height } = svgSize(svg)
  const parsed = await sharp(Buffer.from(svg)).metadata()
  expect([parsed.width, parsed.height]).toEqual([width, height])
  const png = await bytesOf(await exportAs(app, menu, 'PNG 1×'))
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height])
})

test('the report prints in the browser and saves as an HTML folder', async ({ app, seeded, home }) => {
  await openResults(app, seeded.classifier.runId)
  await app.getByRole('button', { name: 'Report (PDF)' }).click()
  await expect(app.getByText('The print dialog opens', { exact: false })).toBeVisible()
  // The report is loaded into a same-origin frame with its styles put back through the CSSOM (the
  // CSP refuses inline styles; the fixture fails the test on any violation).
  const frame = app.frameLocator('#report-print-frame')
  await expect(frame.getByRole('heading', { level: 1 })).toContainText(seeded.classifier.name)
  const adopted = await app
    .locator('#report-print-frame')
    .evaluate((element: { contentDocument: { adoptedStyleSheets: unknown[] } | null }) =>
      element.contentDocument ? element.contentDocument.adoptedStyleSheets.length : 0,
    )
  expect(adopted).toBe(1)

  await app.getByRole('button', { name: 'Report (HTML folder)' }).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Choose this folder' }).click()
  const saved = app.getByText(/^Report saved: /)
  await expect(saved).toBeVisible()
  const folder = (await saved.textContent())!.replace(/^Report saved: /, '')
  expect(folder.startsWith(home)).toBe(true)
  expect(existsSync(join(folder, 'index.html'))).toBe(true)
})
