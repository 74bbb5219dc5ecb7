import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { connectParent, NoParentError, type ProcessLike } from './parent-channel'

/**
 * The two hosts as the worker sees them: Electron's process.parentPort (messages wrapped in events
 * with .data; there is no Electron binary here, so an EventEmitter stands in for the port) and Node's
 * process.send / 'message' / 'disconnect' (the supervisor's tests run the real thing).
 */
describe('connectParent', () => {
  it('uses process.parentPort in an Electron utility process', async () => {
    const port = Object.assign(new EventEmitter(), {
      posted: [] as unknown[],
      postMessage(m: unknown) {
        this.posted.push(m)
      },
    })
    const proc = Object.assign(new EventEmitter(), {
      parentPort: port,
      send: () => true,
    }) as unknown as ProcessLike
    const channel = connectParent(proc)
    expect(channel.host).toBe('utility-process')
    const received: unknown[] = []
    channel.onMessage((m) => received.push(m))
    port.emit('message', { data: { type: 'pause' } })
    expect(received).toEqual([{ type: 'pause' }])
    await channel.send({ type: 'resumed' })
    expect(port.posted).toEqual([{ type: 'resumed' }])
  })

  it('uses process.send in a Node child process, and reports a gone parent', async () => {
    const sent: unknown[] = []
    const proc = Object.assign(new EventEmitter(), {
      connected: true,
      send(message: unknown, _h: undefined, _o: object, callback: (error: Error | null) => void) {
        sent.push(message)
        setImmediate(() => callback(null))
        return true
      },
    })
    const channel = connectParent(proc as unknown as ProcessLike)
    expect(channel.host).toBe('child-process')
    const received: unknown[] = []
    let gone = false
    channel.onMessage((m) => received.push(m))
    channel.onDisconnect(() => (gone = true))
    proc.emit('message', { type: 'cancel' })
    await channel.send({ type: 'ready', pid: 7 })
    expect(sent).toEqual([{ type: 'ready', pid: 7 }])
    expect(received).toEqual([{ type: 'cancel' }])
    proc.connected = false
    proc.emit('disconnect')
    expect(gone).toBe(true)
    await expect(channel.send({ type: 'resumed' })).rejects.toThrow(NoParentError)
  })

  it('refuses to run without a parent', () => {
    expect(() => connectParent(new EventEmitter() as unknown as ProcessLike)).toThrow(
      /must be started by DL Lab \(Electron utilityProcess\.fork or Node child_process\.fork/,
    )
  })
})
