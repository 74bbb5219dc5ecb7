import { describe, expect, it } from 'vitest'
import { ipcContract, type IpcEvents } from '../../../shared/ipc/contract'
import { unwrapForBridge } from '../../../shared/ipc/result'
import { createFakeApi } from '../test-support/fake-api'
import { ApiError } from './api-error'
import { electronApi, toApiError } from './electron-api'
import { electronEvents } from './events'

describe('toApiError', () => {
  it("keeps only the service's message of an ipcRenderer.invoke error", () => {
    const wrapped = new Error("Error invoking remote method 'folders.list': ValidationError: path: too long")
    const error = toApiError('folders.list', wrapped)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.message).toBe('path: too long')
    expect(error.remoteName).toBe('ValidationError')
    expect(error.channel).toBe('folders.list')
  })

  it('reads back the whole error the preload packed into the message (name, code, params)', () => {
    const wire = {
      name: 'DatasetError',
      message: 'Cannot read the IDX training images file /d/a: it does not exist',
      code: 'files-unreadable',
      params: { files: '/d/a', count: 1, cause: 'missing' },
    }
    let packed: unknown
    try {
      unwrapForBridge({ ok: false, error: wire })
    } catch (error) {
      // contextBridge hands the page a new Error with this message only.
      packed = new Error((error as Error).message)
    }
    const error = toApiError('datasets.inspect', packed)
    expect(error).toMatchObject({
      message: wire.message,
      remoteName: 'DatasetError',
      code: 'files-unreadable',
    })
    expect(error.params).toEqual(wire.params)
  })

  it('leaves other messages as they are', () => {
    expect(toApiError('app.info', new TypeError('x is undefined'))).toMatchObject({
      message: 'x is undefined',
      remoteName: 'TypeError',
    })
    expect(toApiError('app.info', 'plain').message).toBe('plain')
  })
})

describe('electronApi', () => {
  it('forwards each channel to window.api and answers what it answers', async () => {
    const windowApi = createFakeApi({ files: { data: { cats: {} } }, host: 'electron' })
    const api = electronApi(windowApi)
    await expect(api['app.info']({})).resolves.toMatchObject({ host: 'electron' })
    await expect(api['folders.list']({ path: '/data' })).resolves.toMatchObject({
      folders: [{ name: 'cats' }],
    })
    expect(windowApi.calls.map((c) => c.channel)).toEqual(['app.info', 'folders.list'])
  })

  it('rejects with ApiError', async () => {
    const api = electronApi(createFakeApi())
    await expect(api['datasets.scanFolder']({ path: '/none' })).rejects.toThrow(
      new ApiError('Folder not found: /none', 'datasets.scanFolder'),
    )
  })

  it('has one function per channel of the contract', () => {
    const api = electronApi(createFakeApi())
    expect(Object.keys(api).sort()).toEqual(Object.keys(ipcContract).sort())
  })
})

describe('electronEvents', () => {
  it('subscribes through window.apiEvents and unsubscribes through what it returned', () => {
    const windowEvents = createFakeApi()
    const events = electronEvents(windowEvents)
    const epochs: number[] = []
    const off = events.on('training.epoch', (e) => epochs.push(e.metrics.epoch))
    const metrics: IpcEvents['training.epoch']['metrics'] = {
      kind: 'epoch',
      epoch: 1,
      step: 10,
      trainLoss: 0.4,
      trainAccuracy: 0.9,
      seconds: 2,
      samplesPerSecond: 500,
    }
    windowEvents.emit('training.epoch', { type: 'epoch', runId: 'r', job: 'train', metrics })
    off()
    windowEvents.emit('training.epoch', { type: 'epoch', runId: 'r', job: 'train', metrics })
    expect(epochs).toEqual([1])
  })

  it('never reports a reconnect: IPC to main does not drop', () => {
    const windowEvents = createFakeApi()
    let reconnects = 0
    const off = electronEvents(windowEvents).onReconnect(() => (reconnects += 1))
    windowEvents.reconnect()
    off()
    expect(reconnects).toBe(0)
  })
})
