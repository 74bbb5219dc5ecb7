import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../cli/test-support/cli-harness'
import type { RunFolder } from '../services/runs'
import { convClassifierModel, tinyExperiment, tinyRun } from '../services/results/test-support/tiny-runs'
import { writeBlobIdx } from '../supervisor/test-support/blob-data'
import { createDispatch, type Dispatch } from './dispatch'
import { createHandlers } from './handlers'
import { testServices } from './test-support/test-services'

/**
 * The result channels through the dispatcher, as the renderer reaches them: requests validated by
 * the contract, runs opened in the workspace only, errors as name + message; and the figures equal to
 * the files `dllab figures` writes for the same run.
 */
let dir: string
let run: RunFolder
let dispatch: Dispatch
const ws = () => join(dir, 'ws')

beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-result-handlers-')))
  const files = await writeBlobIdx(join(dir, 'data'))
  run = await tinyRun(ws(), tinyExperiment(files, convClassifierModel, { kind: 'classify' }, 2))
  const services = testServices(dir, { kind: 'electron' })
  await services.settings.update({ workspace: ws() })
  dispatch = createDispatch(createHandlers(services))
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('result channels', () => {
  it.each([
    [
      'runs.detail',
      { runId: '../../etc' },
      'runs.detail: runId: must be a run id like 20251127-200850123-3f9a0c',
    ],
    ['runs.figures', { runId: '20250101-000000000-abcdef', normalise: 'row' }, 'runs.figures: normalise:'],
    ['runs.confusionCell', { runId: '20250101-000000000-abcdef', label: -1, predicted: 0 }, 'label:'],
    [
      'runs.confusionCell',
      { runId: '20250101-000000000-abcdef', label: 0, predicted: 0, limit: 201 },
      'limit:',
    ],
    [
      'runs.im2col',
      { runId: '20250101-000000000-abcdef', layer: 'c', sample: 0, y: 0, x: 0, size: 5 },
      'size:',
    ],
    ['runs.featureMaps', { runId: '20250101-000000000-abcdef', sample: 0, extra: 1 }, 'runs.featureMaps:'],
  ])('%s refuses an invalid request %j', async (channel, request, message) => {
    const result = await dispatch(channel, request)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.name).toBe('InvalidRequestError')
      expect(result.error.message).toContain(message)
    }
  })

  it('answers an unknown run with its id and the runs folder', async () => {
    const result = await dispatch('runs.detail', { runId: '20250101-000000000-abcdef' })
    expect(result).toEqual({
      ok: false,
      error: {
        name: 'ResultsError',
        message: `unknown run 20250101-000000000-abcdef: there is no such run in ${join(ws(), 'runs')}`,
        code: 'run-not-found',
        params: { runId: '20250101-000000000-abcdef' },
      },
    })
  })

  it('gives the detail of a run of the workspace, and its im2col and errors', async () => {
    const detail = await dispatch('runs.detail', { runId: run.id })
    expect(detail.ok && detail.response).toMatchObject({ run: { runId: run.id, status: 'finished' } })
    const im2col = await dispatch('runs.im2col', { runId: run.id, layer: 'conv1', sample: 0, y: 7, x: 7 })
    expect(im2col.ok && im2col.response).toMatchObject({ patch: { y: 7, x: 7, rows: 1, cols: 1 } })
    const notConv = await dispatch('runs.im2col', { runId: run.id, layer: 'out', sample: 0, y: 0, x: 0 })
    expect(notConv).toEqual({
      ok: false,
      error: {
        name: 'ResultsError',
        message: "layer 'out' is not a convolution (it is dense); its convolutions are conv1, conv2",
      },
    })
  })

  it('draws exactly the SVGs `dllab figures` writes for the run', async () => {
    const out = join(dir, 'cli-figures')
    const written = await cli(['figures', run.dir, '--format', 'svg', '--out', out], { cwd: dir })
    expect(written.code, written.stderr).toBe(0)
    const result = await dispatch('runs.figures', { runId: run.id })
    if (!result.ok) throw new Error(result.error.message)
    const figures = (result.response as { figures: { name: string; svg: string }[] }).figures
    expect((await readdir(out)).sort()).toEqual(figures.map((f) => `${f.name}.svg`).sort())
    for (const f of figures) expect(await readFile(join(out, `${f.name}.svg`), 'utf8'), f.name).toBe(f.svg)
  })

  it('draws in Japanese exactly the SVGs `dllab figures --lang ja` writes', async () => {
    const out = join(dir, 'cli-figures-ja')
    const written = await cli(['figures', run.dir, '--format', 'svg', '--out', out, '--lang', 'ja'], {
      cwd: dir,
    })
    expect(written.code, written.stderr).toBe(0)
    const result = await dispatch('runs.figures', { runId: run.id, language: 'ja' })
    if (!result.ok) throw new Error(result.error.message)
    const figures = (result.response as { figures: { name: string; title: string; svg: string }[] }).figures
    expect(figures.map((f) => [f.name, f.title])).toEqual([
      ['loss', 'サンプルあたりの誤差（softmax-cross-entropy）'],
      ['accuracy', '精度'],
      ['confusion-matrix', '混合行列（テストデータ）'],
      ['weights-conv1', 'conv1 の重み'],
      ['feature-maps-conv1', expect.stringMatching(/^conv1 の特徴マップ（画像 #0、クラス \d）$/)],
    ])
    expect((await readdir(out)).sort()).toEqual(figures.map((f) => `${f.name}.svg`).sort())
    for (const f of figures) expect(await readFile(join(out, `${f.name}.svg`), 'utf8'), f.name).toBe(f.svg)
    // The words inside the pictures too: axes, legend, the matrix's labels, the fingerprint.
    const svg = Object.fromEntries(figures.map((f) => [f.name, f.svg]))
    for (const word of ['>エポック</text>', '>誤差</text>', '>学習データ</text>', '>テストデータ</text>'])
      expect(svg.loss).toContain(word)
    for (const word of ['>予測クラス</text>', '>正解クラス</text>', '>件数</text>', '正解数 '])
      expect(svg['confusion-matrix']).toContain(word)
    expect(svg.accuracy).toContain(`${run.id} · 乱数シード 7</text>`)
    expect(svg.loss).not.toMatch(/>(epoch|loss|train|test|Predicted class)</)
  })

  it('titles the feature maps of a sample in the language asked for', async () => {
    const maps = async (language?: 'en' | 'ja') => {
      const result = await dispatch('runs.featureMaps', {
        runId: run.id,
        sample: 2,
        ...(language ? { language } : {}),
      })
      if (!result.ok) throw new Error(result.error.message)
      return (result.response as { layers: { name: string; svg: string }[] }).layers[0]!
    }
    const en = await maps()
    expect(en.name).toBe('conv1')
    expect(en.svg).toContain('<title>Feature maps of conv1 (sample #2)</title>')
    expect(en.svg).toContain('>conv2d, 3 × 8 × 8</text>')
    const ja = await maps('ja')
    expect(ja.svg).toContain('<title>conv1 の特徴マップ（画像 #2）</title>')
    expect(ja.svg).toContain('>conv2d、3 × 8 × 8</text>')
    expect(ja.svg).toContain(`${run.id} · 乱数シード 7</text>`)
  })

  it('refuses a language it does not draw', async () => {
    const result = await dispatch('runs.figures', { runId: run.id, language: 'fr' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain('runs.figures: language:')
  })
})
