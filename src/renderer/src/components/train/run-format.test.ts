import { describe, expect, it } from 'vitest'
import type { TrainingRunInfo } from '../../../../shared/training/events'
import {
  formatDuration,
  formatLoss,
  formatPercent,
  formatRate,
  leadJob,
  runResult,
  shownJobStatus,
  shownRunStatus,
  stageFraction,
  stageParts,
} from './run-format'

const run = (change: Partial<TrainingRunInfo> = {}): TrainingRunInfo => ({
  runId: '20250101-120000001-000001',
  name: 'r',
  task: 'classify',
  created: '2025-01-01T12:00:00.001Z',
  status: 'running',
  active: true,
  resumable: false,
  jobs: [{ job: 'train', status: 'running' }],
  ...change,
})
const metrics = {
  kind: 'epoch' as const,
  epoch: 1,
  step: 10,
  trainLoss: 0.5,
  trainAccuracy: 0.8,
  testLoss: 0.4,
  testAccuracy: 0.85,
  seconds: 1,
  samplesPerSecond: 1,
}

describe('formatting', () => {
  it('writes times left, percentages, losses and throughput', () => {
    expect([formatDuration(0), formatDuration(75.4), formatDuration(3725), formatDuration(null)]).toEqual([
      '0:00',
      '1:15',
      '1:02:05',
      '—',
    ])
    expect([formatPercent(0.98561), formatPercent(1), formatPercent(undefined)]).toEqual([
      '98.56 %',
      '100.00 %',
      '—',
    ])
    expect([formatLoss(0.0123456), formatLoss(2.302585), formatLoss(null)]).toEqual(['0.01235', '2.303', '—'])
    expect([formatRate(2345.6), formatRate(12.34), formatRate(Number.NaN)]).toEqual(['2,346', '12.3', '—'])
  })

  it('splits stage names for translation', () => {
    expect(stageParts('pretrain:hidden1')).toEqual({ key: 'pretrain', name: 'hidden1' })
    expect(stageParts('channel:R')).toEqual({ key: 'channel', name: 'R' })
    expect(stageParts('finetune')).toEqual({ key: 'finetune', name: '' })
    expect(stageParts('warm-up')).toEqual({ key: null, name: 'warm-up' })
  })
})

describe('runResult', () => {
  it('prefers the evaluation, then the last epoch’s test accuracy, then a loss for autoencoders', () => {
    expect(runResult(run())).toBeNull()
    expect(runResult(run({ lastMetrics: metrics }))).toEqual({ kind: 'accuracy', value: 0.85 })
    expect(
      runResult(
        run({ lastMetrics: metrics, evaluation: { task: 'classify', split: 'test', accuracy: 0.9856 } }),
      ),
    ).toEqual({ kind: 'accuracy', value: 0.9856 })
    const ae = { ...metrics, trainAccuracy: null, testAccuracy: null, testLoss: 12.5 }
    expect(runResult(run({ task: 'autoencode', lastMetrics: ae }))).toEqual({ kind: 'loss', value: 12.5 })
  })
})

describe('progress', () => {
  it('takes the running job’s progress and the share of its steps done', () => {
    const progress = {
      stage: 'channel:G',
      epoch: 2,
      epochs: 4,
      batch: 1,
      batchesPerEpoch: 10,
      step: 15,
      totalSteps: 40,
      loss: 1,
      accuracy: null,
      samplesPerSecond: 10,
      etaSeconds: 4,
    }
    const info = run({
      jobs: [
        { job: 'R', status: 'finished', progress: { ...progress, stage: 'channel:R', step: 40 } },
        { job: 'G', status: 'running', progress },
      ],
    })
    expect(leadJob(info)?.job).toBe('G')
    expect(stageFraction(progress)).toBe(0.375)
    expect(stageFraction({ ...progress, totalSteps: 0 })).toBe(0)
    expect(stageFraction(undefined)).toBe(0)
  })
})

describe('pausing', () => {
  it('shows a paused run as pausing until its worker reports the step it stopped at', () => {
    // At the request: the supervisor marks the job paused; the worker lives (pid) and has not stopped.
    const asked = run({ status: 'paused', jobs: [{ job: 'train', status: 'paused', pid: 4242 }] })
    expect(shownRunStatus(asked)).toBe('pausing')
    expect(shownJobStatus(asked.jobs[0]!)).toBe('pausing')
    // The worker stopped after step 130.
    const stopped = run({
      status: 'paused',
      jobs: [{ job: 'train', status: 'paused', pid: 4242, pausedAt: 130 }],
    })
    expect(shownRunStatus(stopped)).toBe('paused')
    // Paused without a worker (after a restart, or held in the queue): paused at once.
    expect(
      shownRunStatus(run({ status: 'paused', active: false, jobs: [{ job: 'train', status: 'paused' }] })),
    ).toBe('paused')
    expect(shownRunStatus(run({ status: 'paused', jobs: [{ job: 'train', status: 'held' }] }))).toBe('paused')
    // A worker in its final evaluation never stops at a step: the run goes from pausing to finished.
    expect(shownRunStatus(run({ status: 'finished', jobs: [{ job: 'train', status: 'finished' }] }))).toBe(
      'finished',
    )
  })

  it('shows the homework as pausing while any channel still trains', () => {
    const jobs = [
      { job: 'R', status: 'paused', pid: 1, pausedAt: 40 },
      { job: 'G', status: 'paused', pid: 2 },
      { job: 'B', status: 'finished' },
      { job: 'combine', status: 'held' },
    ] as TrainingRunInfo['jobs']
    const homework = run({ status: 'paused', task: 'per-channel-autoencode', jobs })
    expect(shownRunStatus(homework)).toBe('pausing')
    expect(homework.jobs.map(shownJobStatus)).toEqual(['paused', 'pausing', 'finished', 'held'])
  })
})
