import type { WireError } from './web-protocol'

/**
 * What a request comes back as over either transport (Electron IPC or web mode's WebSocket): the
 * response, or the error's name, message and (when the service knows what went wrong) its code and
 * params — never a stack trace. The renderer's api/ module turns it back into a value or an error.
 */
export type IpcResult<Response = unknown> = { ok: true; response: Response } | { ok: false; error: WireError }

/** An error raised on the other side of the IPC boundary; `name` is the original error class's name. */
export class IpcError extends Error {
  readonly code: string | undefined
  readonly params: Record<string, string | number> | undefined

  constructor(error: WireError) {
    super(error.message)
    this.name = error.name
    this.code = error.code
    this.params = error.params
  }
}

export function unwrapResult<Response>(result: IpcResult<Response>): Response {
  if (result.ok) return result.response
  throw new IpcError(result.error)
}

/**
 * Electron's contextBridge hands the page only an Error's `message` (the name and every other
 * property are dropped), so the preload sends the whole WireError inside it, as JSON after this
 * marker; the renderer's api/electron-api.ts reads it back with fromBridgedMessage.
 */
const bridgeMarker = 'dllab.wire-error/1 '

/** unwrapResult for the preload: a failure rejects with the WireError packed in the message. */
export function unwrapForBridge<Response>(result: IpcResult<Response>): Response {
  if (result.ok) return result.response
  throw new Error(bridgeMarker + JSON.stringify(result.error))
}

/** The WireError a preload packed into an error message; undefined for any other message. */
export function fromBridgedMessage(message: string): WireError | undefined {
  const at = message.indexOf(bridgeMarker)
  if (at < 0) return undefined
  try {
    return readWireError(JSON.parse(message.slice(at + bridgeMarker.length)))
  } catch {
    return undefined
  }
}

const MAX_PARAMS = 32
const codePattern = /^[a-z][a-z0-9-]{0,63}$/

/**
 * A received error checked field by field (the other side is trusted, but a page must not break
 * on a malformed answer): undefined unless name and message are strings; a code that is not a
 * lower-case word and params that are not a small record of strings and finite numbers are dropped.
 */
export function readWireError(value: unknown): WireError | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { name, message, code, params } = value as Record<string, unknown>
  if (typeof name !== 'string' || typeof message !== 'string') return undefined
  const error: WireError = { name, message }
  if (typeof code === 'string' && codePattern.test(code)) error.code = code
  const checked = readParams(params)
  if (checked) error.params = checked
  return error
}

function readParams(value: unknown): Record<string, string | number> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const entries = Object.entries(value)
  if (entries.length > MAX_PARAMS) return undefined
  const params: Record<string, string | number> = {}
  for (const [key, v] of entries) {
    if (key === '__proto__') continue
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) params[key] = v
  }
  return params
}
