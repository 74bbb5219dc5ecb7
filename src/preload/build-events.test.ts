import { describe, expect, it } from 'vitest'
import type { IpcEvents } from '../shared/ipc/contract'
import { buildEvents, type EventReceiver } from './build-events'

type Listener = (event: unknown, payload: unknown) => void

/** ipcRenderer's listener registry, as Electron keeps it: per channel, in order, removable. */
class FakeIpcRenderer implements EventReceiver {
  readonly listeners = new Map<string, Listener[]>()

  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener])
    return this
  }

  removeListener(channel: string, listener: Listener): this {
    const list = this.listeners.get(channel) ?? []
    const at = list.indexOf(listener)
    if (at >= 0) list.splice(at, 1)
    return this
  }

  /** main's webContents.send(channel, payload). */
  send(channel: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener({ sender: 'ipc' }, payload)
  }

  count(channel: string): number {
    return this.listeners.get(channel)?.length ?? 0
  }
}

const stateEvent: IpcEvents['training.state'] = {
  type: 'state',
  run: {
    runId: '20251127-200850123-3f9a0c',
    name: 'mnist',
    task: 'classify',
    created: '2025-11-27T20:08:50.123Z',
    status: 'running',
    active: true,
    resumable: false,
    jobs: [{ job: 'train', status: 'running' }],
  },
}

describe('buildEvents (window.apiEvents)', () => {
  it("hands each event's payload, without Electron's event object, to its subscribers", () => {
    const ipc = new FakeIpcRenderer()
    const events = buildEvents(ipc)
    const states: unknown[] = []
    const losses: number[] = []
    events.on('training.state', (payload) => states.push(payload))
    events.on('training.progress', (payload) => losses.push(payload.progress.step))
    ipc.send('training.state', stateEvent)
    expect(states).toEqual([stateEvent])
    expect(losses).toEqual([])
  })

  it('refuses names that are not events of the contract', () => {
    const ipc = new FakeIpcRenderer()
    const events = buildEvents(ipc) as { on(event: string, callback: unknown): () => void }
    expect(() => events.on('training.start', () => {})).toThrow(/Unknown event 'training\.start'/)
    expect(() => events.on('settings.update', () => {})).toThrow(/expected one of training\.progress/)
    expect(() => events.on('training.state', 'not a function')).toThrow(/must be a function/)
    expect(ipc.listeners.size).toBe(0)
  })

  it('unsubscribes exactly the listener it registered, once', () => {
    const ipc = new FakeIpcRenderer()
    const events = buildEvents(ipc)
    const first: unknown[] = []
    const second: unknown[] = []
    const offFirst = events.on('training.state', (payload) => first.push(payload))
    events.on('training.state', (payload) => second.push(payload))
    expect(ipc.count('training.state')).toBe(2)

    offFirst()
    offFirst()
    expect(ipc.count('training.state')).toBe(1)
    ipc.send('training.state', stateEvent)
    expect(first).toEqual([])
    expect(second).toEqual([stateEvent])
  })
})
