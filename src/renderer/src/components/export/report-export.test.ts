import { describe, expect, it, vi } from 'vitest'
import type { FakeApi } from '../../test-support/fake-api'
import { withFakeApi } from '../../test-support/with-fake-api'
import { exportReportFolder, exportReportPdf } from './report-export'
import { extractInlineStyles } from './report-print'

async function finishedRun(fake: FakeApi): Promise<string> {
  const experiment = { format: 'dllab.experiment/1', name: 'digits', task: { kind: 'classify' } }
  const { runId } = await fake['training.start']({ experiment })
  fake.finishRun(runId)
  return runId
}

describe('extractInlineStyles', () => {
  it('takes <style> blocks and style attributes out of the text, numbering the attributes', () => {
    const page =
      '<html><head><style>h1 { color: red }</style><STYLE media="print">p{margin:0}</STYLE></head>' +
      '<body><h1 class="t" style="font-size:40px">Report</h1><p>style="not an attribute"</p>' +
      '<svg><image width="3" style="image-rendering:pixelated" href="data:image/png;base64,AA=="/></svg>' +
      '<div style="font-family:&quot;Noto Sans&quot;">x</div></body></html>'
    const { html, sheets, attributes } = extractInlineStyles(page)
    expect(sheets).toEqual(['h1 { color: red }', 'p{margin:0}'])
    expect(attributes).toEqual(['font-size:40px', 'image-rendering:pixelated', 'font-family:"Noto Sans"'])
    expect(html).toBe(
      '<html><head></head><body><h1 class="t" data-print-style="0">Report</h1><p>style="not an attribute"</p>' +
        '<svg><image width="3" data-print-style="1" href="data:image/png;base64,AA=="/></svg>' +
        '<div data-print-style="2">x</div></body></html>',
    )
  })
})

describe('exportReportPdf', () => {
  it("saves through printToPDF's save dialog in the desktop app", async () => {
    const fake = withFakeApi({ host: 'electron' })
    const runId = await finishedRun(fake)
    const print = vi.fn()
    expect(await exportReportPdf(runId, 'electron', print)).toEqual({
      kind: 'saved',
      path: '/home/user/digits-report.pdf',
    })
    expect(print).not.toHaveBeenCalled()
  })

  it("prints the report's HTML in the browser", async () => {
    const fake = withFakeApi()
    const runId = await finishedRun(fake)
    const print = vi.fn(async () => {})
    expect(await exportReportPdf(runId, 'web', print)).toEqual({
      kind: 'printing',
      name: 'digits-report.html',
    })
    expect(print).toHaveBeenCalledTimes(1)
    expect(print.mock.calls[0]).toEqual([expect.stringContaining('<h1>digits</h1>')])
    expect(fake.calls.map((c) => c.channel)).toEqual(['training.start', 'report.html'])
  })
})

describe('exportReportFolder', () => {
  it('writes the HTML folder into the chosen folder, or nothing without one', async () => {
    const fake = withFakeApi()
    const runId = await finishedRun(fake)
    expect(await exportReportFolder(runId, '/home/user/reports')).toEqual({
      kind: 'saved',
      path: '/home/user/reports/digits-report',
    })
    expect(await exportReportFolder(runId, null)).toEqual({ kind: 'cancelled' })
    expect(fake.calls.filter((c) => c.channel === 'report.saveHtml')).toHaveLength(1)
  })
})
