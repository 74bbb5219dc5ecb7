import { describe, expect, it, vi } from 'vitest'
import type { FakeApi } from '../test-support/fake-api'
import { withFakeApi } from '../test-support/with-fake-api'
import { useErrorsStore } from './errors'
import { useLivePreviewStore } from './results-live'
import { useResultsInspectStore } from './results-inspect'
import { useResultsStore } from './results'
import { useSettingsStore } from './settings'

const experiment = (name: string, kind: string) => ({ format: 'dllab.experiment/1', name, task: { kind } })

async function finished(fake: FakeApi, name: string, kind: string): Promise<string> {
  const { runId } = await fake['training.start']({ experiment: experiment(name, kind) })
  fake.finishRun(runId)
  return runId
}

describe('useResultsInspectStore', () => {
  it("lists the model's convolution layers with their output shapes", async () => {
    const fake = withFakeApi()
    const runId = await finished(fake, 'cnn', 'classify')
    await useResultsStore().select(runId)
    const inspect = useResultsInspectStore()
    // conv1: 2 filters 3×3, padding 1 on a 6×6 input: (6 − 3 + 2·1)/1 + 1 = 6.
    expect(inspect.convLayers).toEqual([{ name: 'conv1', outputShape: [2, 6, 6] }])
    expect(inspect.sampleCount).toBe(9)
  })

  it("shows a sample's feature maps after each layer", async () => {
    const fake = withFakeApi()
    const runId = await finished(fake, 'cnn', 'classify')
    await useResultsStore().select(runId)
    const inspect = useResultsInspectStore()
    await inspect.loadFeatureMaps(4)
    expect(inspect.featureSample).toBe(4)
    const view = inspect.featureMaps!
    expect(view.sample.index).toBe(4)
    expect(view.layers.map((l) => [l.name, l.shape])).toEqual([
      ['conv1', [2, 6, 6]],
      ['conv1.act', [2, 6, 6]],
      ['pool1', [2, 3, 3]],
    ])
  })

  it('titles the maps in the UI’s language and draws the shown ones again when it changes', async () => {
    const fake = withFakeApi()
    const runId = await finished(fake, 'cnn', 'classify')
    await useResultsStore().select(runId)
    const inspect = useResultsInspectStore()
    await inspect.loadFeatureMaps(4)
    expect(inspect.featureMaps!.layers[0]!.svg).toContain('<title>Feature maps of conv1 (sample #4)</title>')
    await useSettingsStore().setLanguage('ja')
    await vi.waitFor(() =>
      expect(inspect.featureMaps!.layers[0]!.svg).toContain('<title>conv1 の特徴マップ（画像 #4）</title>'),
    )
    const requests = fake.calls.filter((c) => c.channel === 'runs.featureMaps').map((c) => c.request)
    expect(requests).toEqual([
      { runId, sample: 4, language: 'en' },
      { runId, sample: 4, language: 'ja' },
    ])
    expect(inspect.loadingFeatureMaps).toBe(false)
  })

  it("computes U' = F X' + b for a patch as the lecture draws it", async () => {
    const fake = withFakeApi()
    const runId = await finished(fake, 'cnn', 'classify')
    await useResultsStore().select(runId)
    const inspect = useResultsInspectStore()
    inspect.choose({ sample: 0, y: 0, x: 0, size: 2 })
    await inspect.loadIm2col()
    expect(inspect.im2colChoice.layer).toBe('conv1')
    const view = inspect.im2col!
    // X' is (C·FY·FX) × (rows·cols) = 9 × 4; F is K × 9 = 2 × 9; U' is 2 × 4.
    expect([view.columns.rows, view.columns.cols, view.filters.rows, view.product.cols]).toEqual([9, 4, 2, 4])
    // Sample 0 is X[y][x] = ((3y + 5x) mod 11)/10; the window of output (0, 0) reads rows and
    // columns −1 … 1, zero outside: X'[:, 0] = (0 0 0 | 0 0 .5 | 0 .3 .8).
    const column0 = Array.from({ length: 9 }, (_, r) => view.columns.values[r * 4]!)
    expect(column0.map((v) => Number(v.toFixed(6)))).toEqual([0, 0, 0, 0, 0, 0.5, 0, 0.3, 0.8])
    // Sharpen: 5·0 − 0.5 − 0.3 + 0.1 = −0.7; Sobel x: 2·0.5 + 0.8 − 0.2 = 1.6.
    expect(view.product.values[0]).toBeCloseTo(-0.7, 6)
    expect(view.product.values[4]).toBeCloseTo(1.6, 6)
    expect(view.featureMaps[1]).toEqual({ rows: 2, cols: 2, values: view.product.values.slice(4, 8) })
    expect(view.maxDifference).toBeLessThan(1e-6)
  })

  it('reports an unknown layer and forgets the inspection when another run is chosen', async () => {
    const fake = withFakeApi()
    const first = await finished(fake, 'cnn', 'classify')
    const second = await finished(fake, 'cnn2', 'classify')
    const results = useResultsStore()
    await results.select(first)
    const inspect = useResultsInspectStore()
    await inspect.loadIm2col()
    expect(inspect.im2col).not.toBeNull()
    inspect.choose({ layer: 'conv9' })
    await inspect.loadIm2col()
    expect(useErrorsStore().errors.at(-1)?.message).toMatch(/no convolution layer 'conv9'/)
    await results.select(second)
    expect([inspect.im2col, inspect.featureMaps, inspect.im2colChoice.layer]).toEqual([null, null, ''])
  })
})

describe('useLivePreviewStore', () => {
  it("keeps the newest reconstructions of the chosen run's jobs", async () => {
    const fake = withFakeApi()
    const { runId } = await fake['training.start']({ experiment: experiment('ae', 'autoencode') })
    await useResultsStore().loadRuns()
    const live = useLivePreviewStore()
    live.listen()
    const preview = (epoch: number) => ({
      kind: 'reconstructions' as const,
      stage: 'train',
      epoch,
      sampleShape: [1, 2, 2],
      indices: [0],
      inputs: [[0, 0.25, 0.5, 1]],
      outputs: [[0.1, 0.2, 0.6, 0.9].map((v) => v * epoch)],
    })
    fake.emit('training.preview', { type: 'preview', runId, job: 'train', preview: preview(1) })
    fake.emit('training.preview', { type: 'preview', runId, job: 'train', preview: preview(2) })
    fake.emit('training.preview', { type: 'preview', runId: 'other', job: 'train', preview: preview(3) })
    expect(live.current.map((j) => [j.job, j.reconstructions?.epoch])).toEqual([['train', 2]])
    expect(live.current[0]?.reconstructions?.outputs[0]).toEqual([0.2, 0.4, 1.2, 1.8])
    live.stop()
    fake.emit('training.preview', { type: 'preview', runId, job: 'train', preview: preview(4) })
    expect(live.current[0]?.reconstructions?.epoch).toBe(2)
  })
})
