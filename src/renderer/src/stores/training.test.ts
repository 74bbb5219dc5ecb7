// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ProgressInfo } from '../../../shared/training/worker-messages'
import { metricsOf } from '../test-support/fake-results-run'
import { api } from '../api'
import { withFakeApi } from '../test-support/with-fake-api'
import { useErrorsStore } from './errors'
import { useTrainingStore } from './training'

const experiment = (name: string, kind = 'classify') => ({
  format: 'dllab.experiment/1',
  name,
  task: { kind },
})
const progress = (step: number, loss: number, accuracy: number | null, stage = 'train'): ProgressInfo => ({
  stage,
  epoch: 1,
  epochs: 1,
  batch: step,
  batchesPerEpoch: 40,
  step,
  totalSteps: 40,
  loss,
  accuracy,
  samplesPerSecond: 2400,
  etaSeconds: 7,
})
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('useTrainingStore', () => {
  it('starts a run, follows its state events and selects it', async () => {
    const fake = withFakeApi({ concurrency: 1 })
    const store = useTrainingStore()
    const first = await store.start(experiment('LeNet-5 on MNIST'), 'short trial')
    expect(fake.calls.at(-1)).toEqual({
      channel: 'training.start',
      request: { experiment: experiment('LeNet-5 on MNIST'), name: 'short trial' },
    })
    expect(first?.name).toBe('short trial')
    expect(store.selected?.runId).toBe(first!.runId)
    expect(store.selected?.status).toBe('running')

    // A second run waits for the one slot, then starts when the first finishes.
    const second = await store.start(experiment('MLP'))
    expect(store.runs.map((r) => [r.name, r.status])).toEqual([
      ['MLP', 'queued'],
      ['short trial', 'running'],
    ])
    expect(store.runById(second!.runId)?.queuePosition).toBe(1)
    fake.finishRun(first!.runId)
    expect(store.runs.map((r) => r.status)).toEqual(['running', 'finished'])
    expect(store.training.map((r) => r.name)).toEqual(['MLP'])
  })

  it('puts progress and epoch events into the run’s series and its latest numbers', async () => {
    const fake = withFakeApi()
    const store = useTrainingStore()
    const run = (await store.start(experiment('LeNet-5')))!
    const base = { runId: run.runId, job: 'train' as const }
    fake.emit('training.loading', { type: 'loading', ...base, done: 300, total: 1000 })
    expect(store.selected?.jobs[0]?.loading).toEqual({ done: 300, total: 1000 })
    fake.emit('training.stage', { type: 'stage', ...base, stage: { name: 'train', index: 0, total: 1 } })
    for (const [step, loss, accuracy] of [
      [10, 2.2, 0.2],
      [20, 1.1, 0.6],
      [30, 0.6, 0.81],
    ] as const) {
      fake.emit('training.progress', { type: 'progress', ...base, progress: progress(step, loss, accuracy) })
    }
    const series = store.book.get(run.runId)!
    expect(series.parts[0]!.stepLoss.points.map((p) => [p.x, p.y])).toEqual([
      [10, 2.2],
      [20, 1.1],
      [30, 0.6],
    ])
    expect(series.parts[0]!.stepAccuracy.last).toEqual({ x: 30, y: 0.81 })
    expect(store.selected?.jobs[0]?.progress?.step).toBe(30)
    expect(store.selected?.jobs[0]?.loading).toBeUndefined()
    expect(store.stageNames[run.runId]).toEqual({ train: ['train'] })

    const [line] = metricsOf('classify')
    fake.emit('training.epoch', { type: 'epoch', ...base, metrics: line! })
    expect(store.selected?.lastMetrics).toEqual(line)
    expect(series.parts[0]!.testAccuracy.points).toEqual([{ x: 1, y: line!.testAccuracy }])
  })

  it('pauses, resumes, cancels and continues a run; a refused action goes to the errors', async () => {
    const fake = withFakeApi()
    const store = useTrainingStore()
    const { runId } = (await store.start(experiment('LeNet-5')))!
    const pausing = store.control('pause', runId)
    expect(store.busy).toEqual([runId])
    await pausing
    expect(store.busy).toEqual([])
    expect(store.runById(runId)?.status).toBe('paused')
    await store.control('resume', runId)
    expect(store.runById(runId)?.status).toBe('running')
    await store.control('cancel', runId)
    expect(store.runById(runId)).toMatchObject({ status: 'cancelled', resumable: true })
    await store.control('resumeRun', runId)
    expect(store.runById(runId)?.status).toBe('running')

    fake.finishRun(runId)
    await store.control('pause', runId)
    expect(store.runById(runId)?.status).toBe('finished')
    expect(useErrorsStore().errors.map((e) => e.message)).toEqual([
      `cannot pause run ${runId}: it is not training (finished)`,
    ])
  })

  it('lists the workspace’s runs, selects the training one, and reads its earlier epochs', async () => {
    const fake = withFakeApi({ concurrency: 2 })
    const a = await api['training.start']({ experiment: experiment('old') })
    const b = await api['training.start']({ experiment: experiment('AE', 'autoencode') })
    fake.finishRun(a.runId)

    const store = useTrainingStore()
    await store.load()
    expect(store.runs.map((r) => r.name)).toEqual(['AE', 'old'])
    expect(store.selectedId).toBeNull()
    expect(fake.calls.filter((c) => c.channel === 'runs.detail')).toHaveLength(0)
    store.selectDefault()
    expect(store.selectedId).toBe(b.runId)
    await flush()
    // A running run has its first epoch in metrics.jsonl (the fake's runs.detail).
    expect(store.history[b.runId]).toBe('loaded')
    const firstEpoch = metricsOf('autoencode')[0]!
    expect(store.book.get(b.runId)?.parts[0]?.trainLoss.points).toEqual([{ x: 1, y: firstEpoch.trainLoss }])

    // Overlaying the finished run reads its three epochs, once.
    store.toggleOverlay(a.runId)
    await flush()
    expect(store.overlay).toEqual([a.runId])
    expect(store.book.get(a.runId)?.parts[0]?.testAccuracy.points.map((p) => p.y)).toEqual(
      metricsOf('classify').map((l) => l.testAccuracy),
    )
    store.toggleOverlay(a.runId)
    store.toggleOverlay(a.runId)
    await flush()
    expect(fake.calls.filter((c) => c.channel === 'runs.detail')).toHaveLength(2)
    store.selectDefault() // keeps the selection
    expect(store.selectedId).toBe(b.runId)
    store.toggleOverlay(a.runId)
    expect(store.overlay).toEqual([])
  })

  it('marks a history that cannot be read, and lists again when the connection comes back', async () => {
    const fake = withFakeApi()
    const { runId } = await api['training.start']({ experiment: experiment('LeNet-5') })
    fake.finishRun(runId)
    const store = useTrainingStore()
    fake.failNext('runs.detail', 'runs.detail is not available yet')
    await store.loadHistory(runId)
    expect(store.history[runId]).toBe('failed')
    expect(useErrorsStore().errors.at(-1)?.message).toBe('runs.detail is not available yet')

    const lists = () => fake.calls.filter((c) => c.channel === 'training.list').length
    const before = lists()
    fake.reconnect()
    await flush()
    expect(lists()).toBe(before + 1)
  })

  it('reports a refused start and stays without a selection', async () => {
    withFakeApi()
    const store = useTrainingStore()
    expect(await store.start({ format: 'dllab.experiment/1' })).toBeNull()
    expect(store.starting).toBe(false)
    expect(store.selectedId).toBeNull()
    expect(useErrorsStore().errors[0]?.message).toBe('experiment.name: must be a string')
  })
})
