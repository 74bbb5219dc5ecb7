import type { DlLabApi, EventName, IpcEvents } from '../../../shared/ipc/contract'
import type { webApiPath } from '../../../shared/ipc/web-protocol'
import { channelApi } from './channel-api'
import { electronApi } from './electron-api'
import { electronEvents, type ApiEvents } from './events'
import { WebClient } from './web-client'
import { browserSocket, webSocketUrl } from './web-socket'

export { ApiError, ApiTimeoutError, ConnectionError } from './api-error'
export type { ApiEvents } from './events'

/**
 * The renderer's one door to the outside world. In the desktop app it is the preload's window.api;
 * in a plain browser (web mode) a WebSocket client to the server that served the page. Stores and
 * views import `api` (and `onEvent` for what main pushes) and never know which; tests put a double
 * behind both with setApi.
 */
let implementation: DlLabApi | null = null
let events: ApiEvents | null = null

// The shared constant's value, checked against its type: importing web-protocol.ts at runtime would
// bundle zod, whose `new Function` probe the CSP forbids.
const apiPath: typeof webApiPath = '/api'

/** The host's requests and events; in web mode both go over one WebSocket client. */
function host(): { api: DlLabApi; events: ApiEvents } {
  if (window.api) {
    const windowEvents = window.apiEvents ?? {
      on: () => {
        throw new Error('The preload exposed window.api but not window.apiEvents.')
      },
    }
    return { api: electronApi(window.api), events: electronEvents(windowEvents) }
  }
  const client = new WebClient({ url: webSocketUrl(location, apiPath), socketFactory: browserSocket })
  return {
    api: channelApi((channel, request) => client.request(channel, request)),
    events: {
      on: (event, callback) => client.on(event, callback),
      onReconnect: (callback) => client.onReconnect(callback),
    },
  }
}

/** Fills in whichever of api and events no test has put in place with the host's own. */
function hosted(): { api: DlLabApi; events: ApiEvents } {
  const own = host()
  implementation ??= own.api
  events ??= own.events
  return { api: implementation, events }
}

/**
 * Replaces what stands behind `api` and `onEvent` (tests); null goes back to the host's own. The
 * event source is `nextEvents`, else `next` itself when it has `on` and `onReconnect` (the fake
 * api does). Subscriptions made before the swap stay with the source they were made on.
 */
export function setApi(next: DlLabApi | (DlLabApi & ApiEvents) | null, nextEvents?: ApiEvents): void {
  implementation = next
  events = nextEvents ?? (next && isEventSource(next) ? next : null)
}

function isEventSource(value: object): value is ApiEvents {
  const candidate = value as Partial<ApiEvents>
  return typeof candidate.on === 'function' && typeof candidate.onReconnect === 'function'
}

export const api: DlLabApi = channelApi((channel, request) => {
  const method = (implementation ?? hosted().api)[channel] as (request: unknown) => Promise<unknown>
  return method(request)
})

/** Calls `callback` with each `event` main pushes ('training.state', …); returns the unsubscribe. */
export function onEvent<E extends EventName>(
  event: E,
  callback: (payload: IpcEvents[E]) => void,
): () => void {
  return (events ?? hosted().events).on(event, callback)
}

/**
 * Calls `callback` whenever events may have been missed (web mode: the connection came back), so a
 * store can re-fetch what they would have told it (training.list). Returns the unsubscribe.
 */
export function onReconnect(callback: () => void): () => void {
  return (events ?? hosted().events).onReconnect(callback)
}
