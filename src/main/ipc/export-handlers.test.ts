import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvaluationFile } from '../../shared/experiment'
import { buildLineChartSvg } from '../../shared/figures'
import { renderPng } from '../services/figures'
import type { HostAdapter, Services } from '../services/services'
import { nodeWorkerSpawner } from '../supervisor'
import { blobClassifier, writeBlobIdx } from '../supervisor/test-support/blob-data'
import { createHandlers } from './handlers'
import { testServices } from './test-support/test-services'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const RUN_NAME = '<script>alert("x")</script> & 学習'

let dir: string
let runId: string
let trainer: Services

/** What the fake desktop host was asked to save and print. */
interface HostLog {
  saved: { name: string; bytes: Buffer }[]
  printed: string[]
}

/** Handlers over the workspace of the trained run, as the desktop app (fake dialogs) or web mode. */
function handlers(kind: 'electron' | 'web', log: HostLog = { saved: [], printed: [] }, picked?: string) {
  const desktop: Partial<HostAdapter> = {
    saveFile: async (name, bytes) => {
      log.saved.push({ name, bytes: Buffer.from(bytes) })
      return name.startsWith('cancel') ? null : join(dir, 'saved', name)
    },
    printPdf: async (html) => {
      log.printed.push(html)
      return Buffer.from('%PDF-1.4 fake')
    },
  }
  const services = testServices(dir, {
    kind,
    pickFolder: async () => picked ?? null,
    ...(kind === 'electron' ? desktop : {}),
  })
  return { api: createHandlers(services), services, log }
}

beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-export-handlers-')))
  const files = await writeBlobIdx(join(dir, 'data'))
  trainer = testServices(dir, { kind: 'web' }, { training: { spawner: nodeWorkerSpawner(), concurrency: 1 } })
  const run = await trainer.training!.start(blobClassifier(files, { epochs: 2 }), { name: RUN_NAME })
  runId = run.runId
  expect(await trainer.training!.settled(runId)).toMatchObject({ status: 'finished' })
}, 60_000)

afterAll(async () => {
  await trainer.training?.shutdown()
  await rm(dir, { recursive: true, force: true })
})

const workspaceRun = async () => join((await trainer.settings.get()).workspace, 'runs', runId)
const evaluation = async () =>
  JSON.parse(await readFile(join(await workspaceRun(), 'evaluation.json'), 'utf8')) as EvaluationFile

describe('figures.png', () => {
  it('is renderPng of the SVG (the CLI’s PNG), as base64', async () => {
    const svg = buildLineChartSvg({
      title: 'loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [{ name: 'train', points: [1, 2, 3].map((x) => ({ x, y: 1 / x })) }],
    })
    const { api } = handlers('web')
    const png = Buffer.from((await api['figures.png']({ svg, scale: 2 })).base64, 'base64')
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(png.equals(await renderPng(svg, { scale: 2 }))).toBe(true)
  })
})

describe('export.save', () => {
  it('saves text and base64 bytes through the host’s save dialog, and grants nothing', async () => {
    const { api, services, log } = handlers('electron')
    const bytes = Buffer.from([0, 1, 2, 250, 255])
    expect(
      await api['export.save']({
        defaultName: 'weights.bin',
        encoding: 'base64',
        content: bytes.toString('base64'),
      }),
    ).toEqual({
      path: join(dir, 'saved', 'weights.bin'),
    })
    expect(
      await api['export.save']({ defaultName: '../混合行列.csv', encoding: 'utf8', content: 'a,b\n1,2\n' }),
    ).toEqual({
      path: join(dir, 'saved', '混合行列.csv'),
    })
    expect(
      await api['export.save']({ defaultName: 'cancel.svg', encoding: 'utf8', content: '<svg/>' }),
    ).toEqual({ path: null })
    expect(log.saved.map((s) => [s.name, [...s.bytes]])).toEqual([
      ['weights.bin', [0, 1, 2, 250, 255]],
      ['混合行列.csv', [...Buffer.from('a,b\n1,2\n')]],
      ['cancel.svg', [...Buffer.from('<svg/>')]],
    ])
    expect(services.access.granted()).toEqual([])
    await expect(
      api['export.save']({ defaultName: 'x.png', encoding: 'base64', content: 'not base64!' }),
    ).rejects.toThrow('export.save: the content is not valid base64')
  })

  it('answers in web mode that the browser downloads the file', async () => {
    const { api } = handlers('web')
    await expect(
      api['export.save']({ defaultName: 'a.csv', encoding: 'utf8', content: '1' }),
    ).rejects.toThrow('export.save: in web mode the browser downloads the file')
  })
})

describe('report.html', () => {
  it('is one standalone page with the run’s settings, model, evaluation and figures, every name escaped', async () => {
    const { api } = handlers('web')
    const { name, html } = await api['report.html']({ runId })
    expect(name).toBe(RUN_NAME)
    const { classification } = await evaluation()
    const accuracy = `${(classification!.accuracy * 100).toFixed(2)} %`
    expect(html).toContain(accuracy)
    expect(html).toContain(`${classification!.correct} / ${classification!.total}`)
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 学習')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`)
    for (const text of [runId, 'App version', 'softmax-cross-entropy', '(1, 8, 8)', 'hidden', 'Precision']) {
      expect(html).toContain(text)
    }
    // the blob classifier: flatten (64), dense 64·8 + 8 = 520, dense 8·2 + 2 = 18 → 538 parameters
    expect(html).toMatch(/<td class="num">520<\/td>/)
    expect(html).toMatch(/<td class="num">538<\/td>/)
    // figures inline: the loss curve, the accuracy curve, the confusion matrix, the weight tiles
    const figures = [...html.matchAll(/<figure id="figure-([^"]+)"><svg /g)].map((m) => m[1])
    expect(figures).toEqual(expect.arrayContaining(['loss', 'accuracy', 'confusion-matrix']))
  })

  it('is in Japanese when the setting says so', async () => {
    const { api, services } = handlers('web')
    await services.settings.update({ language: 'ja' })
    const { html } = await api['report.html']({ runId })
    await services.settings.update({ language: 'en' })
    expect(html).toContain('<html lang="ja">')
    for (const text of ['混合行列', '精度', '正解数', '学習曲線', '乱数シード']) expect(html).toContain(text)
  })

  it('names an unknown run', async () => {
    const { api } = handlers('web')
    await expect(api['report.html']({ runId: '20000101-000000000-000000' })).rejects.toThrow(
      /unknown run 20000101-000000000-000000/,
    )
  })
})

describe('report.saveHtml', () => {
  it('writes index.html and the figures (SVG, and PNG equal to renderPng) into a chosen folder', async () => {
    const target = join(dir, 'reports')
    await mkdir(target)
    const desktop = handlers('electron', undefined, target)
    await expect(desktop.api['report.saveHtml']({ runId, folder: target })).rejects.toThrow(
      /outside the folders you chose/,
    )
    await desktop.api['folders.pick']({})
    const { path } = await desktop.api['report.saveHtml']({ runId, folder: target })
    expect(path).toBe(join(target, 'script-alert-x-script- - 学習-report'))
    const html = await readFile(join(path, 'index.html'), 'utf8')
    expect(html).toContain('&lt;script&gt;')
    const files = (await readdir(join(path, 'figures'))).sort()
    expect(files).toEqual(
      expect.arrayContaining(['loss.svg', 'loss.png', 'confusion-matrix.svg', 'confusion-matrix.png']),
    )
    const svg = await readFile(join(path, 'figures', 'confusion-matrix.svg'), 'utf8')
    expect(html).toContain(svg.trim())
    const png = await readFile(join(path, 'figures', 'confusion-matrix.png'))
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(png.equals(await renderPng(svg))).toBe(true)
  })

  it('in web mode, naming the folder is the choice', async () => {
    const target = join(dir, 'web-reports')
    await mkdir(target)
    const web = handlers('web')
    const { path } = await web.api['report.saveHtml']({ runId, folder: target })
    expect(path.startsWith(target)).toBe(true)
    expect(web.services.access.granted()).toContain(target)
  })
})

describe('report.savePdf', () => {
  it('prints the report page and saves the PDF through the save dialog', async () => {
    const { api, log } = handlers('electron')
    const { path } = await api['report.savePdf']({ runId })
    expect(path).toBe(join(dir, 'saved', 'script-alert-x-script- - 学習-report.pdf'))
    expect(log.printed).toHaveLength(1)
    const { html } = await api['report.html']({ runId })
    const withoutTime = (page: string) => page.replace(/<tr><th>Report made<\/th><td>[^<]*<\/td><\/tr>/, '')
    expect(withoutTime(log.printed[0]!)).toBe(withoutTime(html))
    expect(log.saved.map((s) => [s.name, s.bytes.toString()])).toEqual([
      ['script-alert-x-script- - 学習-report.pdf', '%PDF-1.4 fake'],
    ])
  })

  it('answers in web mode to use the browser’s print', async () => {
    const { api } = handlers('web')
    await expect(api['report.savePdf']({ runId })).rejects.toThrow(/use the browser's print/)
  })
})
