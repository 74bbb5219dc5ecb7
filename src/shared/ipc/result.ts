import type { WireError } from './web-protocol'

/**
 * What a request comes back as over either transport (Electron IPC or web mode's WebSocket): the
 * response, or the error's name and message (never a stack trace). The renderer's api/ module turns
 * it back into a value or a thrown IpcError with unwrapResult.
 */
export type IpcResult<Response = unknown> = { ok: true; response: Response } | { ok: false; error: WireError }

/** An error raised on the other side of the IPC boundary; `name` is the original error class's name. */
export class IpcError extends Error {
  constructor(error: WireError) {
    super(error.message)
    this.name = error.name
  }
}

export function unwrapResult<Response>(result: IpcResult<Response>): Response {
  if (result.ok) return result.response
  throw new IpcError(result.error)
}
