import { describe, expect, it } from 'vitest'
import type { MetricsLine } from '../../shared/experiment'
import type { ProgressInfo, TrainingEvent } from '../../shared/training'
import type { OutputStream } from '../io'
import { epochText, ProgressView, progressText } from './progress-view'

const progress = (step: number, extra: Partial<ProgressInfo> = {}): ProgressInfo => ({
  stage: 'train',
  epoch: 2,
  epochs: 10,
  batch: step % 100,
  batchesPerEpoch: 100,
  step,
  totalSteps: 1000,
  loss: 0.123456,
  accuracy: 0.9375,
  samplesPerSecond: 12345.6,
  etaSeconds: 65,
  ...extra,
})

const epoch: MetricsLine = {
  kind: 'epoch',
  epoch: 2,
  step: 200,
  trainLoss: 0.25,
  trainAccuracy: 0.9,
  testLoss: 0.3,
  testAccuracy: 0.875,
  seconds: 1.234,
  samplesPerSecond: 6400,
}

function sink(isTTY: boolean): { stream: OutputStream; text: () => string } {
  let text = ''
  return {
    stream: { write: (t) => void (text += t), isTTY, columns: isTTY ? 200 : undefined },
    text: () => text,
  }
}

const event = (e: Omit<Extract<TrainingEvent, { type: 'progress' }>, 'runId' | 'job'>): TrainingEvent => ({
  ...e,
  runId: 'r1',
  job: 'train',
})

describe('the training progress in the terminal', () => {
  it('draws the bar with epoch, loss, accuracy, samples/s and ETA', () => {
    expect(progressText(progress(250))).toBe(
      'epoch 2/10 [█████░░░░░░░░░░░░░░░] 25%  loss 0.1235  acc 93.8 %  12,346 samples/s  ETA 1 min 05 s',
    )
    expect(progressText(progress(0, { accuracy: null, etaSeconds: null, stage: 'pretrain:hidden1' }))).toBe(
      'pretrain:hidden1  epoch 2/10 [░░░░░░░░░░░░░░░░░░░░] 0%  loss 0.1235  12,346 samples/s',
    )
    expect(epochText(epoch, 10)).toBe(
      'epoch 2/10  train loss 0.25  acc 90.00 %  test loss 0.3  acc 87.50 %  (1.23 s, 6,400 samples/s)',
    )
  })

  it('on a terminal redraws one line in place, at most 10 times a second, with epoch lines above it', () => {
    let now = 0
    const { stream, text } = sink(true)
    const view = new ProgressView(stream, 'r1', () => now)
    view.handle(event({ type: 'progress', progress: progress(100) }))
    now = 50
    view.handle(event({ type: 'progress', progress: progress(150) })) // too soon: not drawn
    now = 120
    view.handle(event({ type: 'progress', progress: progress(200) }))
    view.handle({ type: 'epoch', metrics: epoch, runId: 'r1', job: 'train' })
    view.handle({ type: 'epoch', metrics: epoch, runId: 'other', job: 'train' })
    view.done()
    const frames = text().split('\r')
    const ERASE = '\x1b[K'
    expect(frames[1]).toBe(progressText(progress(100)) + ERASE)
    expect(frames[2]).toBe(progressText(progress(200)) + ERASE)
    expect(frames[3]).toBe(
      '\x1b[Kepoch 2/10  train loss 0.25  acc 90.00 %  test loss 0.3  acc 87.50 %  (1.23 s, 6,400 samples/s)\n' +
        progressText(progress(200)),
    )
    expect(frames[4]).toBe('\x1b[K')
    expect(frames).toHaveLength(5)
  })

  it('elsewhere prints plain lines, a progress line at most every two seconds', () => {
    let now = 0
    const { stream, text } = sink(false)
    const view = new ProgressView(stream, 'r1', () => now)
    for (let t = 0; t <= 5000; t += 100) {
      now = t
      view.handle(event({ type: 'progress', progress: progress(t / 10) }))
    }
    view.handle({ type: 'epoch', metrics: epoch, runId: 'r1', job: 'train' })
    const lines = text().trimEnd().split('\n')
    expect(lines.map((l) => l.slice(0, 22))).toEqual([
      'epoch 2/10 [████░░░░░░',
      'epoch 2/10 [████████░░',
      'epoch 2/10  train loss',
    ])
    expect(text()).not.toContain('\r')
  })

  it('shows the three channel jobs of the per-channel homework side by side', () => {
    const { stream, text } = sink(false)
    let now = 0
    const view = new ProgressView(stream, 'r1', () => now)
    for (const job of ['R', 'G', 'B'] as const) {
      view.handle({
        type: 'progress',
        progress: progress(500, { etaSeconds: job === 'G' ? 90 : 30 }),
        runId: 'r1',
        job,
      })
    }
    now = 3000
    view.handle({ type: 'progress', progress: progress(600), runId: 'r1', job: 'B' })
    expect(text()).toBe(
      'R 2/10 50% loss 0.1235 | G 2/10 50% loss 0.1235 | B 2/10 60% loss 0.1235  ETA 1 min 30 s\n',
    )
  })
})
