import { z } from 'zod'

/**
 * Web mode's wire format: the renderer's api/ module talks to the local server over one WebSocket
 * at ws://127.0.0.1:<port>/api. Requests carry an id; the server answers each exactly once.
 *
 * Authentication: the server prints http://127.0.0.1:<port>/?token=<token>. The first page request
 * with the right token gets an HttpOnly SameSite=Strict cookie `dllab_token`; every later HTTP request
 * and the WebSocket upgrade must carry that cookie (or ?token=). Anything else gets 403, and so does a
 * WebSocket upgrade whose Origin is not the server's own.
 */
export const webApiPath = '/api'
export const tokenCookie = 'dllab_token'

export const webRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    channel: z.string().min(1).max(100),
    request: z.unknown(),
  })
  .strict()
export type WebRequest = z.infer<typeof webRequestSchema>

/**
 * An error as it crosses either transport: the error class's name and its English message; `code`
 * and `params` (message-codes.ts) when the service knows what went wrong, so the renderer can say it
 * in the user's language. result.ts's readWireError checks a received one.
 */
export interface WireError {
  name: string
  message: string
  code?: string
  params?: Record<string, string | number>
}

export type WebResponse =
  { id: number; ok: true; response: unknown } | { id: number; ok: false; error: WireError }

/** Pushed by the server without a request (progress of later features). */
export interface WebEvent {
  event: string
  payload: unknown
}

export type WebServerMessage = WebResponse | WebEvent

/** The id of the error answer to a message that could not be read as a request (ids are never negative). */
export const unparseableRequestId = -1
