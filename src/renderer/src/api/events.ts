import type { EventName, IpcEvents } from '../../../shared/ipc/contract'

/**
 * The preload's window.apiEvents (src/preload/build-events.ts, which the renderer may not import):
 * only the contract's event names, the payload alone, an unsubscribe per subscription.
 */
export interface WindowEvents {
  on<E extends EventName>(event: E, callback: (payload: IpcEvents[E]) => void): () => void
}

/**
 * Where the renderer's events come from: the preload's window.apiEvents in the desktop app, the
 * WebSocket client in web mode, the fake api in tests. `onReconnect` callbacks run when the source
 * may have missed events (web mode after its connection came back), so a store re-fetches its state.
 */
export interface ApiEvents {
  on<E extends EventName>(event: E, callback: (payload: IpcEvents[E]) => void): () => void
  onReconnect(callback: () => void): () => void
}

/**
 * The desktop host's events: window.apiEvents. IPC between the window and main never drops, so the
 * reconnect callbacks are kept but never called.
 */
export function electronEvents(windowEvents: WindowEvents): ApiEvents {
  return {
    on: (event, callback) => windowEvents.on(event, callback),
    onReconnect: () => () => {},
  }
}
