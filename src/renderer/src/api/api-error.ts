import type { ErrorCode, MessageParams } from '../../../shared/ipc/message-codes'
import { readWireError } from '../../../shared/ipc/result'

/** What went wrong, for the screen's language (shared/ipc/message-codes.ts); the message stays English. */
export interface ErrorDetails {
  readonly code?: string | undefined
  readonly params?: MessageParams | undefined
}

/**
 * An error reported by the other side of the API (main process or web-mode server). `message` is the
 * service's own message (English); `remoteName` is the error class it threw there; `code` and
 * `params`, when the service gave them, say what went wrong so the app can say it in Japanese too.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: string | undefined
  readonly params: MessageParams | undefined

  constructor(
    message: string,
    readonly channel: string,
    readonly remoteName: string = 'Error',
    details: ErrorDetails = {},
  ) {
    super(message)
    this.code = details.code
    this.params = details.params
  }
}

/**
 * The ApiError of an error answer as received (web mode's JSON, or what the preload packed): its
 * name, message, code and params, each checked; an answer without a name and message still fails
 * the request, with what could be read of it.
 */
export function remoteError(received: unknown, channel: string): ApiError {
  const wire = readWireError(received)
  if (!wire) return new ApiError(`'${channel}' failed with an unreadable error answer`, channel)
  return new ApiError(wire.message, channel, wire.name, { code: wire.code, params: wire.params })
}

/** An error made on this side, with its code and params. */
abstract class LocalApiError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly params: MessageParams,
  ) {
    super(message)
  }
}

/** The connection to the web-mode server failed or dropped; the request got no answer. */
export class ConnectionError extends LocalApiError {
  override readonly name = 'ConnectionError'
}

/** The request got no answer in time. */
export class ApiTimeoutError extends LocalApiError {
  override readonly name = 'ApiTimeoutError'

  constructor(channel: string, seconds: number) {
    super(`'${channel}' got no answer within ${seconds} s`, 'timeout', { channel, seconds })
  }
}
