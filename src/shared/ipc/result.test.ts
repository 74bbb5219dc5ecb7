import { describe, expect, it } from 'vitest'
import { fromBridgedMessage, readWireError, unwrapForBridge } from './result'

describe('readWireError', () => {
  it('keeps name, message, a lower-case code and params of strings and finite numbers', () => {
    const received = JSON.parse(
      '{"name":"DatasetError","message":"m","code":"files-unreadable",' +
        '"params":{"files":"/a, /b","count":2,"bad":null,"inf":1e999,"list":[1],"__proto__":"x"}}',
    ) as unknown
    expect(readWireError(received)).toEqual({
      name: 'DatasetError',
      message: 'm',
      code: 'files-unreadable',
      params: { files: '/a, /b', count: 2 },
    })
  })

  it('drops a code that is not a code, and refuses an answer without name and message', () => {
    expect(readWireError({ name: 'E', message: 'm', code: 'Not A Code!' })).toEqual({
      name: 'E',
      message: 'm',
    })
    expect(readWireError({ name: 'E', message: 'm', params: 'text' })).toEqual({ name: 'E', message: 'm' })
    expect(readWireError({ message: 'm' })).toBeUndefined()
    expect(readWireError('E: m')).toBeUndefined()
  })
})

describe('the preload’s bridged errors', () => {
  it('pack the whole WireError into the message and read it back', () => {
    const wire = {
      name: 'RunStateError',
      message: 'run r is finished',
      code: 'run-finished',
      params: { runId: 'r' },
    }
    let message = ''
    try {
      unwrapForBridge({ ok: false, error: wire })
    } catch (error) {
      message = (error as Error).message
    }
    expect(fromBridgedMessage(message)).toEqual(wire)
    // ipcRenderer may prefix what it passes on; the marker is found anyway.
    expect(fromBridgedMessage(`Error invoking remote method 'x': Error: ${message}`)).toEqual(wire)
    expect(fromBridgedMessage('run r is finished')).toBeUndefined()
    expect(unwrapForBridge({ ok: true, response: 3 })).toBe(3)
  })
})
