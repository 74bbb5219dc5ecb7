import { describe, expect, it } from 'vitest'
import { channelNames } from '../shared/ipc/channels'
import { IpcError } from '../shared/ipc/result'
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

  it('rejects with the main process error’s name and message', async () => {
    const api = buildApi(async () => ({
      ok: false,
      error: { name: 'ScanError', message: '/x has no class folders' },
    }))
    const failure = api['datasets.scanFolder']({ path: '/x' })
    await expect(failure).rejects.toBeInstanceOf(IpcError)
    await expect(failure).rejects.toMatchObject({ name: 'ScanError', message: '/x has no class folders' })
  })
})
