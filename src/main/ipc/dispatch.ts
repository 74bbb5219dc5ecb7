import type { z } from 'zod'
import { ipcContract, type ChannelName, type DlLabApi, type IpcResult } from '../../shared/ipc/contract'
import type { WireError } from '../../shared/ipc/web-protocol'
import { ServiceError } from '../services/errors'

/** A request on a channel the contract does not have. */
export class UnknownChannelError extends Error {
  override name = 'UnknownChannelError'
}

/** A request whose arguments do not match the channel's schema. */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError'
}

function isChannel(channel: string): channel is ChannelName {
  return Object.hasOwn(ipcContract, channel)
}

/** "path: expected string, received number"; "request: …" for the request as a whole. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request'
      return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`
    })
    .join('; ')
}

/**
 * An error as the renderer receives it: name and message, and a service error's code and params
 * (what went wrong, for the user's language); no stack, no other properties. Only ServiceError's
 * codes are sent: a Node error's `code` ('ENOENT') is not one of ours.
 */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const wire: WireError = { name: error.name || 'Error', message: error.message }
  if (error instanceof ServiceError && error.code !== undefined) {
    wire.code = error.code
    if (error.params !== undefined) wire.params = { ...error.params }
  }
  return wire
}

export type Dispatch = (channel: string, rawRequest: unknown) => Promise<IpcResult>

/**
 * Routes a raw request from either transport (Electron's ipcMain, web mode's WebSocket): looks the
 * channel up in the contract, validates the request with the channel's zod schema, runs the handler,
 * and answers with the response or the error's name, message, code and params. It never throws.
 */
export function createDispatch(handlers: DlLabApi): Dispatch {
  return async (channel, rawRequest) => {
    try {
      if (!isChannel(channel)) {
        throw new UnknownChannelError(`Unknown IPC channel "${channel}"`)
      }
      const parsed = ipcContract[channel].request.safeParse(rawRequest)
      if (!parsed.success) {
        throw new InvalidRequestError(`${channel}: ${formatIssues(parsed.error.issues)}`)
      }
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>
      return { ok: true, response: await handler(parsed.data) }
    } catch (error) {
      return { ok: false, error: toWireError(error) }
    }
  }
}
