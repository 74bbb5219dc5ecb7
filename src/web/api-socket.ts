import type { WebSocket } from 'ws'
import type { Dispatch } from '../main/ipc/dispatch'
import { formatIssues } from '../main/ipc/dispatch'
import {
  unparseableRequestId,
  webRequestSchema,
  type WebResponse,
  type WireError,
} from '../shared/ipc/web-protocol'

const malformed = (message: string): WireError => ({ name: 'MalformedRequestError', message })

/** The id of a message that failed validation, when it has a usable one. */
function idOf(json: unknown): number {
  const id = (json as { id?: unknown } | null)?.id
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : unparseableRequestId
}

/**
 * Reads one WebSocket message and answers it: a valid request goes to dispatch (validation of its
 * arguments, the handler, errors as { name, message }); anything else gets an error answer. Never throws.
 */
export async function answerMessage(
  data: Buffer | string,
  isBinary: boolean,
  dispatch: Dispatch,
): Promise<WebResponse> {
  if (isBinary) {
    return {
      id: unparseableRequestId,
      ok: false,
      error: malformed('binary messages are not accepted; send JSON text'),
    }
  }
  let json: unknown
  try {
    json = JSON.parse(data.toString())
  } catch (error) {
    return { id: unparseableRequestId, ok: false, error: malformed(`not JSON: ${(error as Error).message}`) }
  }
  const parsed = webRequestSchema.safeParse(json)
  if (!parsed.success) {
    return {
      id: idOf(json),
      ok: false,
      error: malformed(`not a request: ${formatIssues(parsed.error.issues)}`),
    }
  }
  const { id, channel, request } = parsed.data
  return { id, ...(await dispatch(channel, request)) }
}

/** JSON text of an answer; a response that cannot be serialised becomes an error answer. */
function serialise(answer: WebResponse): string {
  try {
    return JSON.stringify(answer)
  } catch (error) {
    const failure: WireError = {
      name: 'SerializationError',
      message: `cannot send the response: ${(error as Error).message}`,
    }
    return JSON.stringify({ id: answer.id, ok: false, error: failure } satisfies WebResponse)
  }
}

/** Serves one authenticated WebSocket connection. */
export function serveApiSocket(socket: WebSocket, dispatch: Dispatch): void {
  socket.on('message', (data, isBinary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    void answerMessage(bytes, isBinary, dispatch).then((answer) => {
      if (socket.readyState === socket.OPEN) socket.send(serialise(answer))
    })
  })
  socket.on('error', () => socket.terminate())
}
