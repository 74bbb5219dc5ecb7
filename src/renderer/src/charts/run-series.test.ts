import { describe, expect, it } from 'vitest'
import type { MetricsLine } from '../../../shared/experiment'
import type { ProgressInfo } from '../../../shared/training'
import { RunSeries, SeriesBook } from './run-series'

const progress = (step: number, loss: number, accuracy: number | null, stage = 'train'): ProgressInfo => ({
  stage,
  epoch: 1,
  epochs: 2,
  batch: step,
  batchesPerEpoch: 100,
  step,
  totalSteps: 200,
  loss,
  accuracy,
  samplesPerSecond: 1000,
  etaSeconds: 3,
})

const epochLine = (
  epoch: number,
  trainLoss: number,
  testAccuracy: number | null,
  stage?: string,
): MetricsLine => ({
  kind: 'epoch',
  ...(stage ? { stage } : {}),
  epoch,
  step: epoch * 100,
  trainLoss,
  trainAccuracy: testAccuracy === null ? null : testAccuracy - 0.01,
  testLoss: trainLoss * 1.1,
  testAccuracy,
  seconds: 2,
  samplesPerSecond: 3000,
})

describe('RunSeries', () => {
  it('puts progress into per-step loss and accuracy, epoch lines into per-epoch train and test series', () => {
    const series = new RunSeries()
    series.addProgress('train', progress(10, 2.1, 0.3))
    series.addProgress('train', progress(20, 1.4, 0.55))
    series.addMetrics('train', epochLine(1, 0.9, 0.8))
    expect(series.parts.map((p) => p.key)).toEqual(['train/train'])
    const [part] = series.parts
    expect(part!.stepLoss.points).toEqual([
      { x: 10, y: 2.1 },
      { x: 20, y: 1.4 },
    ])
    expect(part!.stepAccuracy.points.map((p) => p.y)).toEqual([0.3, 0.55])
    expect(part!.trainLoss.points).toEqual([{ x: 1, y: 0.9 }])
    expect(part!.testLoss.points[0]!.y).toBeCloseTo(0.99, 12)
    expect(part!.testAccuracy.points).toEqual([{ x: 1, y: 0.8 }])
    expect(series.count('stepLoss')).toBe(2)
  })

  it('leaves accuracy empty for autoencoders (null) and keeps each stage and channel apart', () => {
    const series = new RunSeries()
    series.addProgress('train', progress(5, 30, null, 'pretrain:hidden1'))
    series.addProgress('train', progress(5, 0.4, 0.9, 'finetune'))
    series.addProgress('R', progress(7, 12, null, 'channel:R'))
    expect(series.parts.map((p) => p.key)).toEqual([
      'train/pretrain:hidden1',
      'train/finetune',
      'R/channel:R',
    ])
    expect(series.count('stepAccuracy')).toBe(1)
    expect(series.hasAny('stepLoss')).toBe(true)
    expect(series.hasAny('testAccuracy')).toBe(false)
  })

  it('reads step lines of metrics.jsonl (logEverySteps) into the step series', () => {
    const series = new RunSeries()
    series.addMetrics('train', { ...epochLine(0, 1.5, null), kind: 'step', step: 50, trainAccuracy: 0.4 })
    expect(series.parts[0]!.stepLoss.points).toEqual([{ x: 50, y: 1.5 }])
    expect(series.parts[0]!.stepAccuracy.points).toEqual([{ x: 50, y: 0.4 }])
    expect(series.parts[0]!.trainLoss.length).toBe(0)
  })
})

describe('SeriesBook', () => {
  it('tells its listeners which run changed', () => {
    const book = new SeriesBook()
    const changed: string[] = []
    const off = book.onChange((id) => changed.push(id))
    book.addProgress('a', 'train', progress(1, 1, 0.1))
    book.addMetrics('b', 'train', epochLine(1, 1, 0.5))
    off()
    book.addProgress('a', 'train', progress(2, 1, 0.1))
    expect(changed).toEqual(['a', 'b'])
  })

  it('reads a run history under the live points, without doubling or rewinding them', () => {
    const book = new SeriesBook()
    // Epoch 3 arrived live while metrics.jsonl (epochs 1–2 … and 3, written meanwhile) was read.
    book.addMetrics('run', 'train', epochLine(3, 0.3, 0.93))
    book.addProgress('run', 'train', progress(310, 0.28, 0.94))
    book.addHistory('run', [
      { label: '', lines: [epochLine(1, 0.9, 0.8), epochLine(2, 0.5, 0.9), epochLine(3, 0.3, 0.93)] },
      { label: 'R', lines: [epochLine(1, 12, null, 'channel:R')] },
    ])
    const series = book.get('run')!
    expect(series.parts.map((p) => p.key)).toEqual(['train/train', 'R/channel:R'])
    const train = series.parts[0]!
    expect(train.testAccuracy.points).toEqual([
      { x: 1, y: 0.8 },
      { x: 2, y: 0.9 },
      { x: 3, y: 0.93 },
    ])
    expect(train.stepLoss.points).toEqual([{ x: 310, y: 0.28 }])
    expect(series.parts[1]!.trainLoss.points).toEqual([{ x: 1, y: 12 }])
  })
})
