import { eventNames } from '../shared/ipc/channels'
import type { EventName, IpcEvents } from '../shared/ipc/contract'

/** What the preload needs from ipcRenderer to receive events; a fake in tests. */
export interface EventReceiver {
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

/** window.apiEvents: subscribe to an event main pushes; the returned function unsubscribes. */
export interface DlLabEvents {
  on<E extends EventName>(event: E, callback: (payload: IpcEvents[E]) => void): () => void
}

const known: ReadonlySet<string> = new Set(eventNames)

/**
 * window.apiEvents: only the events of the contract can be subscribed to (any other name throws, so
 * the renderer cannot listen on arbitrary IPC channels), and the callback gets the payload alone,
 * never Electron's event object. Each subscription's unsubscribe removes exactly its own listener.
 */
export function buildEvents(ipc: EventReceiver): DlLabEvents {
  return {
    on(event, callback) {
      if (typeof event !== 'string' || !known.has(event)) {
        throw new Error(`Unknown event '${String(event)}': expected one of ${eventNames.join(', ')}`)
      }
      if (typeof callback !== 'function') throw new Error(`The listener of '${event}' must be a function`)
      const listener = (_event: unknown, payload: unknown) => callback(payload as IpcEvents[typeof event])
      ipc.on(event, listener)
      let subscribed = true
      return () => {
        if (!subscribed) return
        subscribed = false
        ipc.removeListener(event, listener)
      }
    },
  }
}
