import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from '@playwright/test'
import { type PdfPrinter, printReportPdf } from '../src/main/electron/report-pdf'
import { expect, test } from './support/seed-runs'

/**
 * The desktop app's PDF export without Electron: `printReportPdf` (src/main/electron/report-pdf.ts)
 * runs as the app runs it — temporary page under a folder, a window that runs no script and loads
 * only that page and data: URLs, printed on A4, everything removed afterwards — with the window
 * supplied by Chromium through Playwright instead of Electron's BrowserWindow (report-pdf-window.ts).
 * Both are Chromium's print path; the Electron binary cannot be installed on these machines.
 */

const root = resolve(import.meta.dirname, '..')
const run = promisify(execFile)

/** A PdfPrinter whose windows are pages of a fresh Chromium context with JavaScript off. */
function chromiumPrinter(browser: Browser, tempFolder: string, refused: string[]): PdfPrinter {
  return {
    tempFolder: async () => tempFolder,
    openWindow(allow) {
      const opened = browser.newContext({ javaScriptEnabled: false }).then(async (context) => {
        await context.route('**/*', (route) => {
          if (allow(route.request().url())) return route.continue()
          refused.push(route.request().url())
          return route.abort()
        })
        return { context, page: await context.newPage() }
      })
      return {
        loadURL: async (url) => {
          await (await opened).page.goto(url)
        },
        printToPDF: async (options) =>
          new Uint8Array(
            await (
              await opened
            ).page.pdf({ format: options.pageSize, printBackground: options.printBackground }),
          ),
        destroy: () => void opened.then(({ context }) => context.close()),
      }
    },
  }
}

/** The report's standalone page, as `dllab report` writes it (the page the app prints). */
async function reportHtml(home: string, workspace: string, runId: string, lang: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'dllab-e2e-report-'))
  try {
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'report',
        runId,
        '--workspace',
        workspace,
        '--out',
        out,
        '--lang',
        lang,
      ],
      { cwd: root, env: { ...process.env, HOME: home, DLLAB_HOME: home }, timeout: 120_000 },
    )
    const [folder] = await readdir(out)
    return await readFile(join(out, folder!, 'index.html'), 'utf8')
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}

/** Page objects of a PDF ("/Type /Page", not "/Pages") with their MediaBox in points. */
function pdfPages(pdf: string): number[][] {
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) =>
    m[1]!.trim().split(/\s+/).map(Number),
  )
  const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  return pages.map((_, i) => boxes[Math.min(i, boxes.length - 1)] ?? [])
}

test('the report prints to an A4 PDF the way the desktop app prints it, in Japanese', async ({
  browser,
  home,
  seeded,
}) => {
  test.setTimeout(180_000)
  const html = await reportHtml(home, seeded.workspace, seeded.classifier.runId, 'ja')
  expect(html).toContain('<html lang="ja">')
  const temp = await mkdtemp(join(tmpdir(), 'dllab-e2e-pdf-'))
  const refused: string[] = []
  try {
    const pdf = Buffer.from(await printReportPdf(html, chromiumPrinter(browser, temp, refused)))
    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    const pages = pdfPages(text)
    expect(pages.length).toBeGreaterThanOrEqual(2)
    // A4 is 210 × 297 mm = 595.3 × 841.9 pt; Chromium rounds to its own page units.
    for (const [x0, y0, x1, y1] of pages) {
      expect(Math.abs(x1! - x0! - 595.3)).toBeLessThan(2)
      expect(Math.abs(y1! - y0! - 841.9)).toBeLessThan(2)
    }
    // The Japanese text is set in a CJK font (embedded by name), not drawn as empty boxes.
    expect(text).toMatch(/\/FontName\s*\/[A-Z]{6}\+Noto\w*CJK/)
    // The page is self-contained: nothing but the page itself and data: URLs was asked for.
    expect(refused).toEqual([])
    // The temporary page is gone again.
    expect(await readdir(temp)).toEqual([])
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
})
