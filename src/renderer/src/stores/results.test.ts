import { describe, expect, it, vi } from 'vitest'
import type { FakeApi } from '../test-support/fake-api'
import { withFakeApi } from '../test-support/with-fake-api'
import { useErrorsStore } from './errors'
import { useResultsStore } from './results'
import { useSettingsStore } from './settings'

const experiment = (name: string, kind: string) => ({ format: 'dllab.experiment/1', name, task: { kind } })

/** A finished classifier ("digits") and a finished autoencoder ("ae"), the autoencoder newest. */
async function twoFinishedRuns(fake: FakeApi) {
  const digits = await fake['training.start']({ experiment: experiment('digits', 'classify') })
  const ae = await fake['training.start']({ experiment: experiment('ae', 'autoencode') })
  fake.finishRun(digits.runId)
  fake.finishRun(ae.runId)
  return { digits: digits.runId, ae: ae.runId }
}

describe('useResultsStore', () => {
  it('chooses the newest finished run and loads its evaluation and figures', async () => {
    const fake = withFakeApi()
    const { ae } = await twoFinishedRuns(fake)
    await fake['training.start']({ experiment: experiment('waiting', 'classify') })
    const store = useResultsStore()
    await store.loadRuns()
    expect(store.runs.map((r) => r.name)).toEqual(['waiting', 'ae', 'digits'])
    // The running one may be looked at (its curves), a queued one not.
    expect(store.selectable.map((r) => r.name)).toEqual(['waiting', 'ae', 'digits'])
    expect(store.runId).toBe(ae)
    expect(store.classification).toBeNull()
    expect(store.reconstruction?.samples).toBe(9)
    expect(store.figures?.figures.map((f) => f.name)).toEqual(['loss', 'weights-enc', 'reconstructions'])
    expect(store.figure('reconstructions')?.svg).toMatch(/^<svg /)
  })

  it("shows a classifier's confusion matrix: rows true, columns predicted, correct count = trace", async () => {
    const fake = withFakeApi()
    const { digits } = await twoFinishedRuns(fake)
    const store = useResultsStore()
    await store.loadRuns()
    await store.select(digits)
    const c = store.classification!
    expect(c.confusion).toEqual([
      [2, 1, 0],
      [0, 3, 0],
      [1, 0, 2],
    ])
    expect([c.correct, c.total]).toEqual([7, 9])
    expect(c.accuracy).toBeCloseTo(7 / 9, 12)
    // square: predicted 4 times, 3 of them right; circle: 3 samples, 2 found.
    expect(c.perClass[1]!.precision).toBeCloseTo(0.75, 12)
    expect(c.perClass[0]!.recall).toBeCloseTo(2 / 3, 12)
    expect(store.figuresStartingWith('weights').map((f) => f.name)).toEqual(['weights-conv1'])
  })

  it('opens a cell: its test images, most confident first, with their confidences', async () => {
    const fake = withFakeApi()
    const { digits } = await twoFinishedRuns(fake)
    const store = useResultsStore()
    await store.select(digits)
    await store.openCell(0, 0)
    expect(store.cell).toEqual({ label: 0, predicted: 0 })
    expect(store.cellView?.total).toBe(2)
    expect(store.cellView?.samples.map((s) => [s.index, s.confidence])).toEqual([
      [0, 0.9],
      [1, 0.8],
    ])
    expect(store.cellView?.samples[0]?.image).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
    await store.openCell(2, 0)
    expect(store.cellView?.samples.map((s) => [s.index, s.label, s.predicted])).toEqual([[7, 2, 0]])
    store.closeCell()
    expect([store.cell, store.cellView]).toEqual([null, null])
  })

  it('reloads the weight tiles with one range for all tiles', async () => {
    const fake = withFakeApi()
    const { digits } = await twoFinishedRuns(fake)
    const store = useResultsStore()
    await store.select(digits)
    const perTile = store.figure('weights-conv1')!.svg
    await store.setNormalise('global')
    const lastFigures = fake.calls.filter((c) => c.channel === 'runs.figures').at(-1)
    expect(lastFigures?.request).toEqual({ runId: digits, normalise: 'global', language: 'en' })
    expect(store.figure('weights-conv1')!.svg).not.toBe(perTile)
  })

  it('asks for the figures in the UI’s language and draws them again when it changes', async () => {
    const fake = withFakeApi()
    const { digits } = await twoFinishedRuns(fake)
    const settings = useSettingsStore()
    await settings.setLanguage('ja')
    const store = useResultsStore()
    await store.select(digits)
    const requests = () => fake.calls.filter((c) => c.channel === 'runs.figures').map((c) => c.request)
    expect(requests()).toEqual([{ runId: digits, normalise: 'tile', language: 'ja' }])
    expect(store.figures?.figures.map((f) => f.title)).toEqual([
      'サンプルあたりの誤差（mse）',
      '混合行列（テストデータ）',
      'conv1 の重み',
    ])
    expect(store.figure('confusion-matrix')!.svg).toContain('>予測クラス</text>')
    const japanese = store.figures

    await settings.setLanguage('en')
    await vi.waitFor(() => expect(store.figure('loss')?.title).toBe('Loss per sample (mse)'))
    expect(requests().at(-1)).toEqual({ runId: digits, normalise: 'tile', language: 'en' })
    expect(store.figure('confusion-matrix')!.svg).toContain('>Predicted class</text>')
    expect(store.figures).not.toBe(japanese)
    expect(store.loadingFigures).toBe(false)
  })

  it('keeps the answer of the run chosen last when answers overlap', async () => {
    const fake = withFakeApi()
    const { digits, ae } = await twoFinishedRuns(fake)
    const store = useResultsStore()
    const release = fake.hold('runs.detail')
    const first = store.select(digits)
    const second = store.select(ae)
    release()
    await Promise.all([first, second])
    expect(store.runId).toBe(ae)
    expect(store.detail?.run.name).toBe('ae')
    expect(store.loading).toBe(false)
  })

  it("reloads a running run's results when it finishes (training.state)", async () => {
    const fake = withFakeApi()
    const { runId } = await fake['training.start']({ experiment: experiment('live', 'classify') })
    const store = useResultsStore()
    store.listen()
    await store.loadRuns()
    expect(store.training).toBe(true)
    expect(store.evaluation).toBeNull()
    expect(store.figures?.notes).toEqual(['no weight tiles or samples: the run has no weights.npz yet'])
    fake.finishRun(runId)
    await vi.waitFor(() => expect(store.classification).not.toBeNull())
    expect(store.run?.status).toBe('finished')
    expect(store.classification?.correct).toBe(7)
    store.stop()
  })

  it('reports a failed request and shows nothing for that run', async () => {
    const fake = withFakeApi()
    const { digits } = await twoFinishedRuns(fake)
    const store = useResultsStore()
    fake.failNext('runs.detail', 'run folder damaged: evaluation.json is not JSON')
    await store.select(digits)
    expect(store.detail).toBeNull()
    expect(useErrorsStore().errors.map((e) => e.message)).toEqual([
      'run folder damaged: evaluation.json is not JSON',
    ])
  })
})
