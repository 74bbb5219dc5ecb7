// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi } from '../test-support/fake-api'
import { ApiError, api, onEvent, onReconnect, setApi } from './index'

describe('api', () => {
  afterEach(() => {
    setApi(null)
    delete window.api
    delete window.apiEvents
  })

  it('subscribes to the events of the double a test puts behind it', async () => {
    const fake = createFakeApi()
    setApi(fake)
    const states: string[] = []
    let reconnects = 0
    const off = onEvent('training.state', ({ run }) => states.push(run.status))
    onReconnect(() => (reconnects += 1))
    await api['training.start']({ experiment: { name: 'mnist' } })
    off()
    fake.reconnect()
    await api['training.start']({ experiment: { name: 'again' } })
    expect(states).toEqual(['queued', 'running'])
    expect(reconnects).toBe(1)
  })

  it('takes events from a separate source when one is given', () => {
    const fake = createFakeApi()
    const events = createFakeApi()
    setApi(fake, events)
    const seen: string[] = []
    onEvent('training.loading', (e) => seen.push(`${e.done}/${e.total}`))
    fake.emit('training.loading', { type: 'loading', runId: 'r', job: 'train', done: 1, total: 9 })
    events.emit('training.loading', { type: 'loading', runId: 'r', job: 'train', done: 2, total: 9 })
    expect(seen).toEqual(['2/9'])
  })

  it("uses the preload's window.apiEvents in the desktop app", () => {
    const windowEvents = createFakeApi()
    window.api = createFakeApi({ host: 'electron' })
    window.apiEvents = windowEvents
    const seen: number[] = []
    const off = onEvent('training.checkpoint', (e) => seen.push(e.epoch))
    const checkpoint = {
      type: 'checkpoint' as const,
      runId: 'r',
      job: 'train' as const,
      name: 'epoch-3.npz',
      path: '/w/runs/r/checkpoints/epoch-3.npz',
      epoch: 3,
      step: 300,
    }
    windowEvents.emit('training.checkpoint', checkpoint)
    off()
    windowEvents.emit('training.checkpoint', checkpoint)
    expect(seen).toEqual([3])
  })

  it('forwards to the implementation a test puts behind it', async () => {
    const fake = createFakeApi({ files: { data: { cats: {} } } })
    setApi(fake)
    await expect(api['folders.list']({ path: '/data' })).resolves.toMatchObject({
      folders: [{ name: 'cats' }],
    })
    expect(fake.calls).toEqual([{ channel: 'folders.list', request: { path: '/data' } }])
  })

  it("uses the preload's window.api in the desktop app, with errors as ApiError", async () => {
    const windowApi = createFakeApi({ host: 'electron' })
    window.api = windowApi
    await expect(api['app.info']({})).resolves.toMatchObject({ host: 'electron' })
    await expect(api['datasets.scanFolder']({ path: '/nowhere' })).rejects.toThrow(
      new ApiError('Folder not found: /nowhere', 'datasets.scanFolder'),
    )
    expect(windowApi.calls.map((c) => c.channel)).toEqual(['app.info', 'datasets.scanFolder'])
  })
})
