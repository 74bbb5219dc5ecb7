import { describe, expect, it } from 'vitest'
import type { TrainingRunInfo } from '../../../shared/training/events'
import { createFakeApi } from './fake-api'

const experiment = (name: string) => ({ format: 'dllab.experiment/1', name, task: { kind: 'autoencode' } })

function recordStates(fake: ReturnType<typeof createFakeApi>) {
  const states: [string, string][] = []
  fake.on('training.state', ({ run }) => states.push([run.name, run.status]))
  return states
}

describe('createFakeApi training', () => {
  it('starts a run named after the experiment: queued, then running; listed newest first', async () => {
    const fake = createFakeApi()
    const states = recordStates(fake)
    const run = await fake['training.start']({ experiment: experiment('mnist-ae') })
    expect(run).toMatchObject({ name: 'mnist-ae', task: 'autoencode', status: 'running', active: true })
    expect(run.runId).toMatch(/^\d{8}-\d{9}-[0-9a-f]{6}$/)
    expect(states).toEqual([
      ['mnist-ae', 'queued'],
      ['mnist-ae', 'running'],
    ])
    const second = await fake['training.start']({ experiment: experiment('x'), name: 'renamed' })
    expect(second).toMatchObject({ name: 'renamed', status: 'queued', queuePosition: 1, active: false })
    const list = await fake['training.list']({})
    expect(list.map((r) => r.name)).toEqual(['renamed', 'mnist-ae'])
  })

  it('refuses an experiment without a name', async () => {
    const fake = createFakeApi()
    await expect(fake['training.start']({ experiment: { format: 'x' } })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'experiment.name: must be a string',
    })
    await expect(fake['training.list']({})).resolves.toEqual([])
  })

  it('pauses and resumes a running run, keeping its worker', async () => {
    const fake = createFakeApi()
    const { runId } = await fake['training.start']({ experiment: experiment('a') })
    await expect(fake['training.pause']({ runId })).resolves.toMatchObject({
      status: 'paused',
      active: true,
      resumable: false,
      jobs: [{ job: 'train', status: 'paused' }],
    })
    await expect(fake['training.resume']({ runId })).resolves.toMatchObject({ status: 'running' })
  })

  it('runs queued runs in order as slots free up; a paused queued run is held, then queued again', async () => {
    const fake = createFakeApi({ concurrency: 1 })
    const first = await fake['training.start']({ experiment: experiment('first') })
    const second = await fake['training.start']({ experiment: experiment('second') })
    const third = await fake['training.start']({ experiment: experiment('third') })
    expect(third.queuePosition).toBe(2)

    await expect(fake['training.pause']({ runId: second.runId })).resolves.toMatchObject({
      status: 'paused',
      jobs: [{ status: 'held' }],
    })
    fake.finishRun(first.runId)
    const byName = (runs: TrainingRunInfo[]) => Object.fromEntries(runs.map((r) => [r.name, r.status]))
    expect(byName(fake.runs())).toEqual({ first: 'finished', second: 'paused', third: 'running' })

    await expect(fake['training.resume']({ runId: second.runId })).resolves.toMatchObject({
      status: 'queued',
      queuePosition: 1,
    })
    await fake['training.kill']({ runId: third.runId })
    expect(byName(fake.runs())).toEqual({ first: 'finished', second: 'running', third: 'cancelled' })
  })

  it('cancel and kill stop a run resumably with the supervisor’s reasons; resumeRun queues it again', async () => {
    const fake = createFakeApi()
    const a = await fake['training.start']({ experiment: experiment('a') })
    await expect(fake['training.cancel']({ runId: a.runId })).resolves.toMatchObject({
      status: 'cancelled',
      reason: 'cancelled by the user',
      active: false,
      resumable: true,
    })
    await expect(fake['training.resumeRun']({ runId: a.runId })).resolves.toMatchObject({ status: 'running' })
    await expect(fake['training.kill']({ runId: a.runId })).resolves.toMatchObject({
      status: 'cancelled',
      reason: 'stopped at once (kill), without a checkpoint of the last position',
    })
    await expect(fake['training.resume']({ runId: a.runId })).resolves.toMatchObject({ status: 'running' })
    fake.failRun(a.runId, 'out of memory')
    await expect(fake['training.resumeRun']({ runId: a.runId })).resolves.toMatchObject({ status: 'running' })
  })

  it('refuses requests that do not fit the run’s state, with the supervisor’s messages', async () => {
    const fake = createFakeApi()
    const { runId } = await fake['training.start']({ experiment: experiment('a') })
    await expect(fake['training.resumeRun']({ runId })).rejects.toMatchObject({
      name: 'RunStateError',
      message: `run ${runId} is running; it is already training`,
    })
    fake.finishRun(runId)
    await expect(fake['training.pause']({ runId })).rejects.toMatchObject({
      name: 'RunStateError',
      message: `cannot pause run ${runId}: it is not training (finished)`,
    })
    await expect(fake['training.cancel']({ runId })).rejects.toThrow(`cannot cancel run ${runId}`)
    await expect(fake['training.resumeRun']({ runId })).rejects.toThrow(
      `run ${runId} is finished; start a new run to train again`,
    )
    const missing = '20990101-000000000-abcdef'
    await expect(fake['training.kill']({ runId: missing })).rejects.toMatchObject({
      name: 'UnknownRunError',
      message: `no run ${missing} in the workspace`,
    })
  })

  it('emits events to subscribers until they unsubscribe, and runs reconnect callbacks', () => {
    const fake = createFakeApi()
    const stages: string[] = []
    const off = fake.on('training.stage', (e) => stages.push(e.stage.name))
    let reconnects = 0
    fake.onReconnect(() => (reconnects += 1))
    const stage = {
      type: 'stage' as const,
      runId: 'r',
      job: 'train' as const,
      stage: { name: 'pretrain:hidden1', index: 0, total: 2 },
    }
    fake.emit('training.stage', stage)
    off()
    fake.emit('training.stage', stage)
    fake.reconnect()
    expect(stages).toEqual(['pretrain:hidden1'])
    expect(reconnects).toBe(1)
  })
})
