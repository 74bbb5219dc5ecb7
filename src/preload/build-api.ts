import { channelNames } from '../shared/ipc/channels'
import type { DlLabApi } from '../shared/ipc/contract'
import { unwrapForBridge, type IpcResult } from '../shared/ipc/result'

export type Invoke = (channel: string, request: unknown) => Promise<unknown>

/**
 * window.api: one function per channel of the contract, each sending its request on that channel
 * and resolving to the response, or rejecting with an Error that carries the main process's whole
 * error (name, message, code, params) in its message: contextBridge copies nothing else of an Error.
 * Only type imports come from contract.ts, so the sandboxed preload bundles no zod.
 */
export function buildApi(invoke: Invoke): DlLabApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {}
  for (const channel of channelNames) {
    api[channel] = async (request) => unwrapForBridge((await invoke(channel, request)) as IpcResult)
  }
  return api as DlLabApi
}
