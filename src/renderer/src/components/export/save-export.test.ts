// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { withFakeApi } from '../../test-support/with-fake-api'
import { figureFile, formatsOf } from './figure-export'
import { base64ToBytes, browserDownload, type ExportFile, saveExport } from './save-export'

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30"><rect width="40" height="30"/></svg>'
const figure = { name: 'loss', svg, csv: 'epoch,train\n1,0.5\n', json: [{ epoch: 1, train: 0.5 }] }

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  return [view.getUint32(16), view.getUint32(20)]
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('figureFile', () => {
  it('renders PNG at 1×, 2× and 3× through figures.png, named by scale', async () => {
    const fake = withFakeApi()
    const files = await Promise.all((['png1', 'png2', 'png3'] as const).map((f) => figureFile(figure, f)))
    expect(files.map((f) => [f.defaultName, f.encoding, f.mime])).toEqual([
      ['loss.png', 'base64', 'image/png'],
      ['loss@2x.png', 'base64', 'image/png'],
      ['loss@3x.png', 'base64', 'image/png'],
    ])
    const bytes = files.map((f) => base64ToBytes(f.content))
    expect([...bytes[0]!.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(bytes.map(pngSize)).toEqual([
      [40, 30],
      [80, 60],
      [120, 90],
    ])
    expect(fake.calls.map((c) => c.request)).toEqual([1, 2, 3].map((scale) => ({ svg, scale })))
  })

  it('gives the SVG string as is, the CSV text and pretty JSON', async () => {
    withFakeApi()
    expect(await figureFile(figure, 'svg')).toEqual({
      defaultName: 'loss.svg',
      encoding: 'utf8',
      content: svg,
      mime: 'image/svg+xml',
    })
    expect((await figureFile(figure, 'csv')).content).toBe('epoch,train\n1,0.5\n')
    const json = await figureFile(figure, 'json')
    expect(JSON.parse(json.content)).toEqual([{ epoch: 1, train: 0.5 }])
    expect(json.content).toBe('[\n  {\n    "epoch": 1,\n    "train": 0.5\n  }\n]\n')
  })

  it('offers CSV and JSON only for figures that carry their numbers', () => {
    expect(formatsOf(figure)).toEqual(['png1', 'png2', 'png3', 'svg', 'csv', 'json'])
    expect(formatsOf({ name: 'bench', svg })).toEqual(['png1', 'png2', 'png3', 'svg'])
    expect(formatsOf({ name: 'im2col', csv: 'a,b\n', json: {} })).toEqual(['csv', 'json'])
  })
})

describe('saveExport', () => {
  const file: ExportFile = { defaultName: 'loss.svg', encoding: 'utf8', content: svg, mime: 'image/svg+xml' }

  it("uses main's save dialog in the desktop app", async () => {
    const fake = withFakeApi({ host: 'electron' })
    const download = vi.fn()
    const outcome = await saveExport(file, 'electron', download)
    expect(outcome).toEqual({ kind: 'saved', path: '/home/user/Downloads/loss.svg' })
    expect(fake.calls).toEqual([
      { channel: 'export.save', request: { defaultName: 'loss.svg', encoding: 'utf8', content: svg } },
    ])
    expect(download).not.toHaveBeenCalled()
  })

  it('downloads in the browser without asking main', async () => {
    const fake = withFakeApi()
    const download = vi.fn()
    expect(await saveExport(file, 'web', download)).toEqual({ kind: 'downloaded', name: 'loss.svg' })
    expect(download).toHaveBeenCalledWith(file)
    expect(fake.calls).toEqual([])
  })
})

describe('browserDownload', () => {
  it('clicks a hidden <a download> on an object URL of the bytes, then revokes the URL', async () => {
    vi.useFakeTimers()
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:http://127.0.0.1/1234'
    })
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: { href: string; download: string; inDocument: boolean }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) })
    })
    // "iVBORw0KGgo=" is the PNG signature's first 8 bytes.
    browserDownload({ defaultName: 'x.png', encoding: 'base64', content: 'iVBORw0KGgo=', mime: 'image/png' })
    expect(clicked).toEqual([{ href: 'blob:http://127.0.0.1/1234', download: 'x.png', inDocument: true }])
    expect(document.querySelectorAll('a').length).toBe(0)
    expect(blobs[0]!.type).toBe('image/png')
    expect([...new Uint8Array(await blobs[0]!.arrayBuffer())]).toEqual([137, 80, 78, 71, 13, 10, 26, 10])
    expect(revoke).not.toHaveBeenCalled()
    vi.runAllTimers()
    expect(revoke).toHaveBeenCalledWith('blob:http://127.0.0.1/1234')
    vi.useRealTimers()
  })
})
