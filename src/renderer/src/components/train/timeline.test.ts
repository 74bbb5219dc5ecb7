import { describe, expect, it } from 'vitest'
import type { TrainingRunInfo } from '../../../../shared/training/events'
import type { ProgressInfo } from '../../../../shared/training/worker-messages'
import { hasTimeline, timelineRows } from './timeline'

const progress = (step: number, totalSteps: number, stage: string): ProgressInfo => ({
  stage,
  epoch: 1,
  epochs: 1,
  batch: step,
  batchesPerEpoch: totalSteps,
  step,
  totalSteps,
  loss: 1,
  accuracy: null,
  samplesPerSecond: 1,
  etaSeconds: null,
})
const base = {
  runId: '20250101-120000001-000001',
  name: 'r',
  created: '2025-01-01T12:00:00.001Z',
  active: true,
  resumable: false,
} as const

describe('timelineRows', () => {
  it("lays a stacked autoencoder's stages out in order: done, active with its share, waiting", () => {
    const run: TrainingRunInfo = {
      ...base,
      task: 'pretrain-stack',
      status: 'running',
      jobs: [
        {
          job: 'train',
          status: 'running',
          stage: { name: 'finetune', index: 2, total: 4 },
          progress: progress(30, 120, 'finetune'),
        },
      ],
    }
    const names = { train: ['pretrain:hidden1', 'pretrain:hidden2', 'finetune'] }
    expect(hasTimeline(run, names)).toBe(true)
    expect(timelineRows(run, names)).toEqual([
      {
        job: 'train',
        status: 'running',
        segments: [
          { stage: 'pretrain:hidden1', number: 1, state: 'done', fraction: 1 },
          { stage: 'pretrain:hidden2', number: 2, state: 'done', fraction: 1 },
          { stage: 'finetune', number: 3, state: 'active', fraction: 0.25 },
          { stage: null, number: 4, state: 'waiting', fraction: 0 },
        ],
      },
    ])
  })

  it("shows the homework's channels side by side and the recombination after them", () => {
    const run: TrainingRunInfo = {
      ...base,
      task: 'per-channel-autoencode',
      status: 'running',
      jobs: [
        { job: 'R', status: 'finished', progress: progress(200, 200, 'channel:R') },
        {
          job: 'G',
          status: 'running',
          stage: { name: 'channel:G', index: 0, total: 1 },
          progress: progress(50, 200, 'channel:G'),
        },
        { job: 'B', status: 'failed', reason: 'killed', progress: progress(20, 200, 'channel:B') },
        { job: 'combine', status: 'held' },
      ],
    }
    expect(hasTimeline(run)).toBe(true)
    const rows = timelineRows(run)
    expect(rows.map((row) => [row.job, row.segments.map((s) => [s.state, s.fraction])])).toEqual([
      ['R', [['done', 1]]],
      ['G', [['active', 0.25]]],
      ['B', [['stopped', 0.1]]],
      ['combine', [['waiting', 0]]],
    ])
  })

  it('has no timeline for a single-stage run', () => {
    const run: TrainingRunInfo = {
      ...base,
      task: 'classify',
      status: 'running',
      jobs: [{ job: 'train', status: 'running', stage: { name: 'train', index: 0, total: 1 } }],
    }
    expect(hasTimeline(run)).toBe(false)
  })
})
