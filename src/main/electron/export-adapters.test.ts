import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  onlyTheReport,
  type PdfWindow,
  printReportPdf,
  REPORT_PARTITION,
  REPORT_PDF_OPTIONS,
  reportWindowOptions,
} from './report-pdf'
import { saveDialogOptions, saveWithDialog } from './save-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-export-adapters-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('saving through the native save dialog', () => {
  it('offers the name with a filter for its kind, and writes the bytes where the user chose', async () => {
    expect(saveDialogOptions('loss.png')).toMatchObject({
      defaultPath: 'loss.png',
      filters: [
        { name: 'PNG image', extensions: ['png'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    expect(saveDialogOptions('notes').filters).toEqual([{ name: 'All files', extensions: ['*'] }])
    const asked: string[] = []
    const path = await saveWithDialog('混合行列.csv', Buffer.from('a,b\n'), async (options) => {
      asked.push(options.defaultPath!)
      return join(dir, 'chosen', 'matrix.csv')
    })
    expect(asked).toEqual(['混合行列.csv'])
    expect(path).toBe(join(dir, 'chosen', 'matrix.csv'))
    expect(await readFile(path!, 'utf8')).toBe('a,b\n')
    expect(await readdir(join(dir, 'chosen'))).toEqual(['matrix.csv']) // no temp file left
  })

  it('writes nothing when the user cancels', async () => {
    expect(await saveWithDialog('a.svg', Buffer.from('<svg/>'), async () => null)).toBeNull()
    expect(await readdir(dir)).toEqual([])
  })
})

describe('printing a report to PDF', () => {
  it('uses a hidden, sandboxed window without JavaScript in its own session', () => {
    const options = reportWindowOptions()
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({
      partition: REPORT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      javascript: false,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(options.webPreferences).not.toHaveProperty('preload')
    expect(REPORT_PARTITION.startsWith('persist:')).toBe(false)
  })

  it('lets the session load only the report file and data: URLs', () => {
    const allow = onlyTheReport('file:///ws/cache/reports/report-x/index.html')
    expect(allow('file:///ws/cache/reports/report-x/index.html')).toBe(true)
    expect(allow('data:image/png;base64,AAAA')).toBe(true)
    expect(allow('https://example.com/track.png')).toBe(false)
    expect(allow('file:///etc/passwd')).toBe(false)
  })

  it('loads the page from a temporary file, prints A4 with backgrounds, and cleans up', async () => {
    const html = '<!DOCTYPE html><p>report</p>'
    const log: string[] = []
    let allow: ((url: string) => boolean) | undefined
    const window: PdfWindow = {
      loadURL: async (url) => {
        log.push(`load ${url.startsWith('file://') ? 'file' : url}`)
        const path = decodeURIComponent(new URL(url).pathname)
        log.push(`page ${await readFile(path, 'utf8')}`)
        log.push(`allowed ${allow!(url)} ${allow!('http://x/')}`)
      },
      printToPDF: async (options) => {
        log.push(`print ${JSON.stringify(options)}`)
        return Buffer.from('%PDF-1.7')
      },
      destroy: () => log.push('destroy'),
    }
    const temp = join(dir, 'workspace', 'cache', 'reports')
    const pdf = await printReportPdf(html, {
      openWindow: (filter) => ((allow = filter), window),
      tempFolder: async () => temp,
    })
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7')
    expect(log).toEqual([
      'load file',
      `page ${html}`,
      'allowed true false',
      `print ${JSON.stringify(REPORT_PDF_OPTIONS)}`,
      'destroy',
    ])
    expect(REPORT_PDF_OPTIONS).toEqual({ pageSize: 'A4', printBackground: true })
    expect(await readdir(temp)).toEqual([])
  })

  it('closes the window and removes the page when printing fails', async () => {
    let destroyed = false
    const temp = join(dir, 'reports')
    const failing: PdfWindow = {
      loadURL: async () => undefined,
      printToPDF: async () => {
        throw new Error('printing failed')
      },
      destroy: () => (destroyed = true),
    }
    await expect(
      printReportPdf('<p>x</p>', { openWindow: () => failing, tempFolder: async () => temp }),
    ).rejects.toThrow('printing failed')
    expect(destroyed).toBe(true)
    expect(await readdir(temp)).toEqual([])
  })
})
