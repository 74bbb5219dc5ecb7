import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeBlobIdx } from '../../supervisor/test-support/blob-data'
import { buildRunFigures, type ResultsContext } from '../results'
import { convClassifierModel, tinyExperiment, tinyRun } from '../results/test-support/tiny-runs'
import type { RunFolder } from '../runs'
import { buildRunReport } from './run-report'

/**
 * A report's figures are drawn in the report's language: a Japanese report shows the Japanese
 * figures of `dllab figures --lang ja` (the same SVGs), captioned with their own Japanese titles.
 * The run is a tiny convolutional classifier on the 8×8 blob images.
 */
let dir: string
let run: RunFolder
const ws = () => join(dir, 'ws')
let results: ResultsContext

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-run-report-'))
  const files = await writeBlobIdx(join(dir, 'data'))
  run = await tinyRun(ws(), tinyExperiment(files, convClassifierModel, { kind: 'classify' }, 2))
  results = { workspace: ws(), modelOf: async (e) => e.model as never }
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const report = (language: 'en' | 'ja') =>
  buildRunReport({ run, results, app: { name: 'DL Lab', version: '0.0.0-test' }, language })

describe('a run report’s figures', () => {
  it('are the Japanese figures in a Japanese report, captioned with their titles', async () => {
    const ja = await report('ja')
    const drawn = await buildRunFigures(results, run, { language: 'ja' })
    expect(ja.figures.map((f) => f.svg)).toEqual(drawn.figures.map((f) => f.svg))
    for (const [name, title] of [
      ['loss', 'サンプルあたりの誤差（softmax-cross-entropy）'],
      ['accuracy', '精度'],
      ['confusion-matrix', '混合行列（テストデータ）'],
      ['weights-conv1', 'conv1 の重み'],
    ]) {
      expect(ja.html).toMatch(
        new RegExp(`<figure id="figure-${name}"><svg [^]*?<figcaption>${title}</figcaption>`),
      )
    }
    expect(ja.html).toContain('>予測クラス</text>')
    expect(ja.html).not.toContain('Confusion matrix')
  })

  it('are the English figures in an English report', async () => {
    const en = await report('en')
    expect(en.html).toContain('<figcaption>Confusion matrix (test set)</figcaption>')
    expect(en.html).toContain('>Predicted class</text>')
    expect(en.html).not.toContain('混合行列')
  })
})
