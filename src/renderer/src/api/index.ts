import type { DlLabApi } from '../../../shared/ipc/contract'
import type { webApiPath } from '../../../shared/ipc/web-protocol'
import { channelApi } from './channel-api'
import { electronApi } from './electron-api'
import { WebClient } from './web-client'
import { browserSocket, webSocketUrl } from './web-socket'

export { ApiError, ApiTimeoutError, ConnectionError } from './api-error'

/**
 * The renderer's one door to the outside world. In the desktop app it is the preload's window.api;
 * in a plain browser (web mode) a WebSocket client to the server that served the page. Stores and
 * views import `api` and never know which; tests put a double behind it with setApi.
 */
let implementation: DlLabApi | null = null

// The shared constant's value, checked against its type: importing web-protocol.ts at runtime would
// bundle zod, whose `new Function` probe the CSP forbids.
const apiPath: typeof webApiPath = '/api'

function hostApi(): DlLabApi {
  if (window.api) return electronApi(window.api)
  const client = new WebClient({ url: webSocketUrl(location, apiPath), socketFactory: browserSocket })
  return channelApi((channel, request) => client.request(channel, request))
}

/** Replaces what stands behind `api` (tests); null goes back to the host's own. */
export function setApi(next: DlLabApi | null): void {
  implementation = next
}

export const api: DlLabApi = channelApi((channel, request) => {
  implementation ??= hostApi()
  const method = implementation[channel] as (request: unknown) => Promise<unknown>
  return method(request)
})
