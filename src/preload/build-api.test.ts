import { describe, expect, it } from 'vitest'
import { channelNames } from '../shared/ipc/channels'
import { fromBridgedMessage } from '../shared/ipc/result'
import { buildApi } from './build-api'

describe('buildApi (window.api)', () => {
  it('has one function per channel of the contract, and nothing else', () => {
    const api = buildApi(async () => ({ ok: true, response: null }))
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort())
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function')
  })

  it('sends each request on its own channel and resolves to the response', async () => {
    const sent: [string, unknown][] = []
    const api = buildApi(async (channel, request) => {
      sent.push([channel, request])
      return { ok: true, response: { path: '/data' } }
    })
    expect(await api['folders.pick']({ title: 'Dataset' })).toEqual({ path: '/data' })
    expect(sent).toEqual([['folders.pick', { title: 'Dataset' }]])
  })

  it('rejects with the main process error’s name, message, code and params inside the message', async () => {
    const error = {
      name: 'ScanError',
      message: '/x has no class folders',
      code: 'no-class-folders',
      params: { path: '/x', example: '/x/cat/1.png' },
    }
    const api = buildApi(async () => ({ ok: false, error }))
    const failure = await api['datasets.scanFolder']({ path: '/x' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(Error)
    // What crosses the contextBridge is the message only; the renderer reads the error back from it.
    expect(fromBridgedMessage((failure as Error).message)).toEqual(error)
  })
})
