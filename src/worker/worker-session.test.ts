import { describe, expect, it } from 'vitest'
import type { StartMessage, WorkerMessage } from '../shared/training/protocol'
import type { ParentChannel } from './parent-channel'
import type { DoneMessage, JobContext } from './run-job'
import { WorkerSession } from './worker-session'

/** A parent on the other end of an in-memory channel. */
function harness(job: (start: StartMessage, context: JobContext) => Promise<DoneMessage>) {
  const sent: WorkerMessage[] = []
  const exits: number[] = []
  let deliver: (raw: unknown) => void = () => undefined
  const parent: ParentChannel = {
    host: 'child-process',
    send: async (m) => void sent.push(m),
    onMessage: (listener) => (deliver = listener),
    onDisconnect: () => undefined,
  }
  const session = new WorkerSession({
    parent,
    runJob: job,
    exit: (c) => exits.push(c),
    lingerMs: 20,
    pid: 42,
  })
  session.open()
  return { sent, exits, send: (raw: unknown) => deliver(raw) }
}

const start = {
  type: 'start',
  runId: 'r1',
  runDir: '/w/runs/r1',
  experiment: {},
  job: { kind: 'train' },
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('WorkerSession', () => {
  it('says ready, runs the job, forwards its messages, ends with done and exits on kill', async () => {
    const h = harness(async (_s, context) => {
      context.emit({ type: 'stage', name: 'train', index: 0, total: 1 })
      return { type: 'done', status: 'finished', epoch: 1, step: 8 }
    })
    expect(h.sent).toEqual([{ type: 'ready', pid: 42 }])
    h.send(start)
    await tick()
    expect(h.sent.slice(1)).toEqual([
      { type: 'stage', name: 'train', index: 0, total: 1 },
      { type: 'done', status: 'finished', epoch: 1, step: 8 },
    ])
    h.send({ type: 'kill' })
    expect(h.exits).toEqual([0])
  })

  it('lets at most one progress report through per 100 ms', async () => {
    const h = harness(async (_s, context) => {
      for (let step = 1; step <= 5000; step++) {
        context.emit({
          type: 'progress',
          progress: {
            stage: 'train',
            epoch: 1,
            epochs: 1,
            batch: step,
            batchesPerEpoch: 5000,
            step,
            totalSteps: 5000,
            loss: 1,
            accuracy: null,
            samplesPerSecond: 1,
            etaSeconds: null,
          },
        })
      }
      return { type: 'done', status: 'finished', epoch: 1, step: 5000 }
    })
    h.send(start)
    await tick()
    expect(h.sent.filter((m) => m.type === 'progress')).toHaveLength(1)
  })

  it('answers pause and resume, and a cancel before start with done', async () => {
    const h = harness(async () => ({ type: 'done', status: 'finished', epoch: 0, step: 0 }))
    h.send({ type: 'pause' })
    h.send({ type: 'resume' })
    h.send({ type: 'cancel' })
    await tick()
    expect(h.sent.slice(1)).toEqual([
      { type: 'paused', step: 0 },
      { type: 'resumed' },
      { type: 'done', status: 'cancelled', epoch: 0, step: 0 },
    ])
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(h.exits).toEqual([0])
  })

  it('fails with a ProtocolError on a malformed message and on a second start, and reports job errors', async () => {
    const bad = harness(async () => ({ type: 'done', status: 'finished', epoch: 0, step: 0 }))
    bad.send({ type: 'start', runId: 'r1' })
    await tick()
    expect(bad.sent[1]).toMatchObject({
      type: 'failed',
      error: {
        name: 'ProtocolError',
        message: expect.stringMatching(/^the parent process sent a 'start' message that does not follow/),
      },
    })
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(bad.exits).toEqual([1])

    const twice = harness(() => new Promise(() => undefined))
    twice.send(start)
    twice.send(start)
    await tick()
    expect(twice.sent[1]).toMatchObject({
      type: 'failed',
      error: { message: expect.stringContaining("a second 'start'") },
    })

    const throws = harness(async () => {
      throw new RangeError('no room')
    })
    throws.send(start)
    await tick()
    expect(throws.sent[1]).toMatchObject({
      type: 'failed',
      error: { name: 'RangeError', message: 'no room' },
    })
  })
})
