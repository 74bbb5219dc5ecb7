import { describe, expect, it } from 'vitest'
import type { ProgressInfo } from '../../../shared/training'
import {
  bookSource,
  type LineLabeller,
  linesSignature,
  overlayLines,
  partName,
  pointCount,
  runLines,
} from './chart-lines'
import { SeriesBook } from './run-series'

const progress = (step: number, loss: number, stage = 'train'): ProgressInfo => ({
  stage,
  epoch: 1,
  epochs: 1,
  batch: step,
  batchesPerEpoch: 10,
  step,
  totalSteps: 10,
  loss,
  accuracy: 0.5,
  samplesPerSecond: 1,
  etaSeconds: null,
})
const line = (epoch: number, loss: number) => ({
  kind: 'epoch' as const,
  epoch,
  step: epoch,
  trainLoss: loss,
  trainAccuracy: 0.5,
  testLoss: loss + 1,
  testAccuracy: 0.6,
  seconds: 1,
  samplesPerSecond: 1,
})
const label: LineLabeller = (metric, part, run) => [run, metric, part].filter(Boolean).join(' ')

describe('runLines', () => {
  it('draws a single-stage run as a solid training line and a dashed test line', () => {
    const book = new SeriesBook()
    book.addMetrics('r1', 'train', line(1, 2))
    book.addMetrics('r1', 'train', line(2, 1))
    const lines = runLines(book.get('r1'), ['trainLoss', 'testLoss'], label)
    expect(lines.map((l) => [l.key, l.label, l.dashed, l.colour])).toEqual([
      ['train/train:trainLoss', 'trainLoss', false, '#0072b2'],
      ['train/train:testLoss', 'testLoss', true, '#d55e00'],
    ])
    expect(lines[1]!.points).toEqual([
      { x: 1, y: 3 },
      { x: 2, y: 2 },
    ])
    expect(pointCount(lines)).toBe(4)
  })

  it('names and colours the parts of a multi-part run (stages; R, G, B in their own colours)', () => {
    const book = new SeriesBook()
    book.addProgress('h', 'R', progress(1, 5, 'channel:R'))
    book.addProgress('h', 'G', progress(1, 6, 'channel:G'))
    book.addProgress('s', 'train', progress(1, 5, 'pretrain:hidden1'))
    book.addProgress('s', 'train', progress(1, 1, 'finetune'))
    expect(runLines(book.get('h'), ['stepLoss'], label).map((l) => [l.label, l.colour])).toEqual([
      ['stepLoss R', '#c0392b'],
      ['stepLoss G', '#2e8b3d'],
    ])
    expect(runLines(book.get('s'), ['stepLoss'], label).map((l) => l.label)).toEqual([
      'stepLoss pretrain:hidden1',
      'stepLoss finetune',
    ])
    expect(partName({ job: 'train', stage: 'train' })).toBeNull()
    expect(runLines(undefined, ['stepLoss'], label)).toEqual([])
  })
})

describe('overlayLines and bookSource', () => {
  it('draws each picked run in its own colour and redraws only for those runs', () => {
    const book = new SeriesBook()
    book.addMetrics('a', 'train', line(1, 1))
    book.addMetrics('b', 'train', line(1, 2))
    const runs = [
      { runId: 'a', name: 'Adam' },
      { runId: 'b', name: 'SGD' },
      { runId: 'missing', name: 'gone' },
    ]
    const lines = overlayLines(book, runs, 'testAccuracy', label)
    expect(lines.map((l) => [l.label, l.colour])).toEqual([
      ['Adam testAccuracy', '#0072b2'],
      ['SGD testAccuracy', '#d55e00'],
    ])

    const source = bookSource(
      book,
      () => ['a'],
      () => lines,
    )
    let signals = 0
    const off = source.onChange(() => signals++)
    book.addMetrics('b', 'train', line(2, 1))
    book.addMetrics('a', 'train', line(2, 1))
    off()
    book.addMetrics('a', 'train', line(3, 1))
    expect(signals).toBe(1)
  })
})

describe('linesSignature', () => {
  it('changes for a per-epoch chart only when an epoch adds points, not on each progress event', () => {
    const book = new SeriesBook()
    book.addMetrics('a', 'train', line(1, 1))
    const epochLines = () => runLines(book.get('a'), ['trainLoss', 'testLoss'], label)
    const stepLines = () => runLines(book.get('a'), ['stepLoss'], label)
    const epochs = linesSignature(epochLines())
    const steps = linesSignature(stepLines())
    book.addProgress('a', 'train', progress(1, 0.9))
    expect(linesSignature(epochLines())).toBe(epochs)
    expect(linesSignature(stepLines())).not.toBe(steps)
    book.addMetrics('a', 'train', line(2, 0.5))
    expect(linesSignature(epochLines())).not.toBe(epochs)
  })

  it("differs when a run's history replaces its live series with as many points", () => {
    const book = new SeriesBook()
    book.addMetrics('a', 'train', line(1, 1))
    const before = linesSignature(runLines(book.get('a'), ['trainLoss'], label))
    book.addHistory('a', [{ label: '', lines: [line(1, 2)] }])
    const after = runLines(book.get('a'), ['trainLoss'], label)
    expect(after[0]!.points).toEqual([{ x: 1, y: 2 }]) // history's; the live point is not past it
    expect(linesSignature(after)).not.toBe(before)
  })
})
