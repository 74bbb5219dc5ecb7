import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { analyzeModelSpec } from '../../../engine'
import { type EvaluationFile, type MetricsLine } from '../../../shared/experiment'
import { evaluateClassification } from '../../../shared/evaluation'
import { loadPresets, presetsDir } from '../runs'
import type { RunReportData } from './report-data'
import { renderReportHtml } from './report-html'
import { reportLabels } from './report-labels'
import { safeFileName } from './run-report'

const catalog = await loadPresets(presetsDir(fileURLToPath(new URL('../../../..', import.meta.url))))

const line = (epoch: number, extra: Partial<MetricsLine> = {}): MetricsLine => ({
  kind: 'epoch',
  epoch,
  step: epoch * 10,
  trainLoss: 1 / epoch,
  trainAccuracy: null,
  testLoss: 1.5 / epoch,
  testAccuracy: null,
  seconds: 0.25,
  samplesPerSecond: 400,
  ...extra,
})

function reportOf(preset: string, evaluation: EvaluationFile | null, metrics: RunReportData['metrics']) {
  const { experiment, model } = catalog.presets.get(preset)!
  const { spec, summary } = analyzeModelSpec(model)
  const data: RunReportData = {
    runId: '20251127-200850123-3f9a0c',
    name: `${preset} run`,
    created: '2025-11-27T20:08:50.123Z',
    status: 'finished',
    experiment,
    model: spec,
    shapes: summary,
    metrics,
    evaluation,
    app: { name: 'DL Lab', version: '1.2.3' },
    generated: '2025-11-28T09:00:00.000Z',
  }
  return {
    data,
    html: (language: 'en' | 'ja') =>
      renderReportHtml({ data, figures: [], notes: ['a <note>'], labels: reportLabels(language), language }),
  }
}

describe('the report page', () => {
  it('shows the homework’s three channels, its reconstruction errors and every setting', () => {
    const reconstruction = (meanSse: number) => ({
      kind: 'reconstruction' as const,
      samples: 1000,
      features: 1024,
      totalSse: meanSse * 1000,
      meanSse,
      mse: meanSse / 1024,
      minSse: meanSse / 2,
      maxSse: meanSse * 2,
      perSample: [],
      worst: [],
    })
    const evaluation: EvaluationFile = {
      format: 'dllab.evaluation/1',
      task: 'per-channel-autoencode',
      split: 'test',
      reconstruction: reconstruction(12.5),
      stages: { R: { reconstruction: reconstruction(10) }, G: { reconstruction: reconstruction(11) } },
    }
    const series = ['R', 'G', 'B'].map((label) => ({ label, lines: [line(1), line(2)] }))
    const { html } = reportOf('cifar-per-channel', evaluation, series)
    const page = html('en')
    for (const text of [
      '<h3>R</h3>',
      '<h3>B</h3>',
      'per-channel-autoencode: one autoencoder per channel R, G, B, recombined',
      'class folders: train cifar-10/train, test cifar-10/test',
      'RGB, resized to 32×32, scaled to [0, 1] (x / 255), Pillow-exact (lecture)',
      'at most 100 training images per class; at most 100 test images per class',
      'random draws with replacement (1000 draws per epoch)',
      '<tr><th>Learning rate</th><td>0.1</td></tr>',
      '<tr><th>Batch size</th><td>1</td></tr>',
      '<tr><th>Mean SSE per sample</th><td class="num">12.5</td></tr>',
      '<h3>Stage: G</h3>',
      '<li>a &lt;note&gt;</li>',
    ]) {
      expect(page).toContain(text)
    }
    // 1024-100-1024: 102,500 + 103,424 parameters
    expect(page).toContain('<td class="num">205,924</td>')
    expect(page).not.toContain('Train accuracy') // autoencoders have no accuracy
  })

  it('shows a classifier’s per-class precision and recall, with class names escaped', () => {
    const c = evaluateClassification({
      classes: ['<a>', 'b&c'],
      labels: [0, 0, 1, 1],
      predicted: [0, 1, 1, 1],
    })
    const evaluation: EvaluationFile = {
      format: 'dllab.evaluation/1',
      task: 'classify',
      split: 'test',
      classification: c,
    }
    const lines = [line(1, { trainAccuracy: 0.5, testAccuracy: 0.75 })]
    const page = reportOf('lenet5', evaluation, [{ label: '', lines }]).html('ja')
    expect(page).toContain('<p class="headline">精度: 75.00 % · 正解数: 3 / 4</p>')
    // <a>: 1 of 2 found (recall 0.5), predicted once and right (precision 1)
    expect(page).toContain(
      '<tr><td>&lt;a&gt;</td><td class="num">2</td><td class="num">1</td><td class="num">1</td><td class="num">1.0000</td><td class="num">0.5000</td>',
    )
    expect(page).toContain('<td>b&amp;c</td>')
    expect(page).toContain('<td class="num">75.00 %</td>')
    expect(page).toContain('学習曲線')
  })

  it('says when there is no evaluation or no finished epoch yet', () => {
    const page = reportOf('lecture-dl', null, [{ label: '', lines: [] }]).html('en')
    expect(page).toContain('No evaluation yet')
    expect(page).toContain('No epoch has finished yet.')
  })
})

describe('safeFileName', () => {
  it('keeps letters of any script and the extension, and never leaves its folder', () => {
    expect(safeFileName('LeNet-5 学習 (run 2).pdf')).toBe('LeNet-5 学習 -run 2.pdf')
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd')
    expect(safeFileName('..')).toBe('run')
    expect(safeFileName('a/b\\c:d')).toBe('a-b-c-d')
    expect(safeFileName('x'.repeat(200) + '.svg')).toBe('x'.repeat(80) + '.svg')
  })
})
