import type { ChannelName, DlLabApi } from '../../../shared/ipc/contract'
import { fromBridgedMessage } from '../../../shared/ipc/result'
import { ApiError, remoteError } from './api-error'
import { channelApi } from './channel-api'

// ipcRenderer.invoke wraps a handler's error as "Error invoking remote method 'ch': Name: message".
const invokePrefix = /^Error invoking remote method '[^']*': (?:([A-Za-z]*Error): )?/

/**
 * Turns what window.api rejected with into an ApiError: the main process's whole error when the
 * preload packed it into the message (name, message, code, params; contextBridge keeps only an
 * Error's message), else the service's own message with what can be read of its name.
 */
export function toApiError(channel: ChannelName, error: unknown): ApiError {
  const raw = error instanceof Error ? error.message : String(error)
  const bridged = fromBridgedMessage(raw)
  if (bridged) return remoteError(bridged, channel)
  const match = invokePrefix.exec(raw)
  const message = match ? raw.slice(match[0].length) : raw
  const remoteName = match?.[1] ?? (error instanceof Error ? error.name : 'Error')
  return new ApiError(message, channel, remoteName)
}

/** The desktop host: the preload's window.api, with errors reduced to the service's message. */
export function electronApi(windowApi: DlLabApi): DlLabApi {
  return channelApi(async (channel, request) => {
    const method = windowApi[channel] as (request: unknown) => Promise<unknown>
    try {
      return await method(request)
    } catch (error) {
      throw toApiError(channel, error)
    }
  })
}
