import { describe, expect, it } from 'vitest'
import {
  CANCELLED,
  CLOSED,
  inJob,
  INTERRUPTED,
  interruptedUnreadable,
  KILLED,
  notRequeued,
  parseRunReason,
  processEnd,
  protocolFailure,
  stoppedWithJob,
  workerError,
} from './run-reasons'

describe('parseRunReason', () => {
  it('gives back the kind of every sentence the supervisor writes', () => {
    expect(parseRunReason(CANCELLED)).toEqual({ kind: 'cancelled' })
    expect(parseRunReason(KILLED)).toEqual({ kind: 'killed' })
    expect(parseRunReason(CLOSED)).toEqual({ kind: 'closed' })
    expect(parseRunReason(INTERRUPTED.resumable)).toEqual({ kind: 'interrupted-resumable' })
    expect(parseRunReason(INTERRUPTED.fromStart)).toEqual({ kind: 'interrupted-from-start' })
    expect(parseRunReason(interruptedUnreadable('experiment.json: unexpected end'))).toEqual({
      kind: 'interrupted-unreadable',
      detail: 'experiment.json: unexpected end',
    })
    expect(parseRunReason(stoppedWithJob('G'))).toEqual({ kind: 'stopped-with-job', job: 'G' })
    expect(parseRunReason(notRequeued('EACCES'))).toEqual({ kind: 'not-requeued', detail: 'EACCES' })
    expect(parseRunReason(protocolFailure('progress: loss: expected number'))).toEqual({
      kind: 'protocol',
      detail: 'progress: loss: expected number',
    })
    expect(parseRunReason(workerError('ShapeError', 'dense1: expected 784 inputs, got 3072'))).toEqual({
      kind: 'error',
      name: 'ShapeError',
      detail: 'dense1: expected 784 inputs, got 3072',
    })
  })

  it('reads the three ways a process ends, with and without the stderr line', () => {
    expect(parseRunReason(processEnd({ signal: 'SIGKILL', code: null }))).toEqual({
      kind: 'killed-by-signal',
      signal: 'SIGKILL',
      detail: '',
    })
    expect(parseRunReason(processEnd({ signal: null, code: 134 }, 'FATAL ERROR: heap limit'))).toEqual({
      kind: 'exited',
      code: 134,
      detail: 'FATAL ERROR: heap limit',
    })
    expect(parseRunReason(processEnd({}, 'spawn ENOENT'))).toEqual({
      kind: 'not-started',
      detail: 'spawn ENOENT',
    })
    expect(parseRunReason(processEnd({ signal: null, code: null }))).toEqual({
      kind: 'not-started',
      detail: '',
    })
  })

  it('reads a channel job’s reason inside its run’s', () => {
    expect(parseRunReason(inJob('B', KILLED))).toEqual({
      kind: 'in-job',
      job: 'B',
      reason: { kind: 'killed' },
    })
    expect(parseRunReason(inJob('combine', workerError('NpyFormatError', 'bad header')))).toEqual({
      kind: 'in-job',
      job: 'combine',
      reason: { kind: 'error', name: 'NpyFormatError', detail: 'bad header' },
    })
  })

  it('keeps text it does not know whole, as detail', () => {
    expect(parseRunReason('state.json: Unexpected token')).toEqual({
      kind: 'other',
      detail: 'state.json: Unexpected token',
    })
    expect(parseRunReason('stopped because job X failed')).toEqual({
      kind: 'other',
      detail: 'stopped because job X failed',
    })
  })
})
