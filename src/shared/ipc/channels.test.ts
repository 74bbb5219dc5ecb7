import { describe, expect, it } from 'vitest'
import { channelNames } from './channels'
import { ipcContract } from './contract'
import { IpcError, unwrapResult } from './result'

describe('channel list', () => {
  it('names exactly the channels of the contract, each once', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(ipcContract).sort())
    expect(new Set(channelNames).size).toBe(channelNames.length)
  })
})

describe('unwrapResult', () => {
  it('returns the response of a success', () => {
    expect(unwrapResult({ ok: true, response: { path: null } })).toEqual({ path: null })
  })

  it('throws an IpcError carrying the remote name and message', () => {
    let thrown: unknown
    try {
      unwrapResult({ ok: false, error: { name: 'ScanError', message: '/x has no class folders' } })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(IpcError)
    expect(thrown).toMatchObject({ name: 'ScanError', message: '/x has no class folders' })
  })
})
