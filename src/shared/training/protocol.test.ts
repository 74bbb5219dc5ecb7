import { describe, expect, it } from 'vitest'
import {
  assertNever,
  parseParentMessage,
  parseWorkerMessage,
  PREVIEW_MAX_SAMPLES,
  ProtocolError,
  toTrainingWireError,
  trainingEventName,
} from '.'

const progress = {
  stage: 'train',
  epoch: 1,
  epochs: 3,
  batch: 2,
  batchesPerEpoch: 8,
  step: 2,
  totalSteps: 24,
  loss: 0.5,
  accuracy: null,
  samplesPerSecond: 120,
  etaSeconds: null,
}

describe('parent → worker messages', () => {
  it('reads start with its defaults, and the commands', () => {
    const start = parseParentMessage({
      type: 'start',
      runId: '20251127-200850123-3f9a0c',
      runDir: '/w/runs/20251127-200850123-3f9a0c',
      experiment: { format: 'dllab.experiment/1' },
      job: { kind: 'channel', channel: 'G' },
    })
    expect(start).toMatchObject({ type: 'start', resume: false, job: { kind: 'channel', channel: 'G' } })
    for (const type of ['pause', 'resume', 'cancel', 'kill'] as const) {
      expect(parseParentMessage({ type })).toEqual({ type })
    }
  })

  it('refuses anything else with a ProtocolError naming the field', () => {
    expect(() =>
      parseParentMessage({
        type: 'start',
        runId: 'r',
        runDir: '/d',
        experiment: {},
        job: { kind: 'channel', channel: 'X' },
      }),
    ).toThrow(
      /^the parent process sent a 'start' message that does not follow the training protocol \(job\.channel: .*\): /,
    )
    expect(() => parseParentMessage({ type: 'pause', now: true })).toThrow(ProtocolError)
    expect(() => parseParentMessage({ type: 'explode' })).toThrow(/sent a 'explode' message/)
    expect(() => parseParentMessage('pause')).toThrow(/sent a message that does not follow/)
  })
})

describe('worker → parent messages', () => {
  it('reads progress, epoch, checkpoint and done', () => {
    expect(parseWorkerMessage({ type: 'progress', progress })).toEqual({ type: 'progress', progress })
    const metrics = {
      kind: 'epoch',
      epoch: 1,
      step: 8,
      trainLoss: 0.4,
      trainAccuracy: 0.9,
      seconds: 0.1,
      samplesPerSecond: 320,
    }
    expect(parseWorkerMessage({ type: 'epoch', metrics })).toEqual({ type: 'epoch', metrics })
    const checkpoint = {
      type: 'checkpoint',
      stage: 'channel:R',
      name: 'epoch-2.npz',
      path: 'stages/R/checkpoints/epoch-2.npz',
      epoch: 2,
      batch: 0,
      step: 16,
    }
    expect(parseWorkerMessage(checkpoint)).toEqual(checkpoint)
    const done = {
      type: 'done',
      status: 'finished',
      epoch: 3,
      step: 24,
      evaluation: { task: 'classify', split: 'test', accuracy: 1, correct: 16, total: 16 },
    }
    expect(parseWorkerMessage(done)).toEqual(done)
  })

  it('refuses wrong types, negative counts, unknown fields and oversized previews', () => {
    expect(() => parseWorkerMessage({ type: 'progress', progress: { ...progress, loss: 'low' } })).toThrow(
      /^the training worker sent a 'progress' message that does not follow the training protocol \(progress\.loss: /,
    )
    expect(() => parseWorkerMessage({ type: 'progress', progress: { ...progress, step: -1 } })).toThrow(
      /progress\.step/,
    )
    expect(() => parseWorkerMessage({ type: 'ready', pid: 1, extra: 1 })).toThrow(ProtocolError)
    expect(() =>
      parseWorkerMessage({
        type: 'checkpoint',
        stage: 'train',
        name: '../../evil.npz',
        path: 'x',
        epoch: 1,
        batch: 0,
        step: 1,
      }),
    ).toThrow(/name/)
    const many = Array.from({ length: PREVIEW_MAX_SAMPLES + 1 }, (_, i) => i)
    const preview = {
      kind: 'predictions',
      stage: 'train',
      epoch: 1,
      indices: many,
      labels: many,
      predicted: many,
      scores: [],
    }
    expect(() => parseWorkerMessage({ type: 'preview', preview })).toThrow(/preview\.indices/)
  })

  it('shows the offending message, shortened', () => {
    const huge = { type: 'failed', error: { name: 'E', message: 'x'.repeat(30_000) } }
    try {
      parseWorkerMessage(huge)
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(700)
      expect((error as Error).message).toMatch(/… \(\d+ characters\)$/)
    }
  })
})

describe('helpers', () => {
  it('sends errors as name, message and stack', () => {
    class WidgetError extends Error {
      override name = 'WidgetError'
    }
    const wire = toTrainingWireError(new WidgetError('the widget broke'))
    expect(wire).toMatchObject({ name: 'WidgetError', message: 'the widget broke' })
    expect(wire.stack).toContain('the widget broke')
    expect(toTrainingWireError('plain')).toEqual({ name: 'Error', message: '"plain"' })
  })

  it('assertNever throws for a value the types said could not exist', () => {
    expect(() => assertNever('surprise' as never, 'message')).toThrow('unexpected message: "surprise"')
  })

  it('names the IPC events', () => {
    expect(trainingEventName('progress')).toBe('training.progress')
    expect(trainingEventName('state')).toBe('training.state')
  })
})
