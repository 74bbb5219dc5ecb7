import { channelNames } from '../../../shared/ipc/channels'
import type { ChannelName, DlLabApi } from '../../../shared/ipc/contract'

/** Sends one request on a channel; every DlLabApi implementation here reduces to this. */
export type ChannelCall = (channel: ChannelName, request: unknown) => Promise<unknown>

/**
 * A DlLabApi with one method per channel, each forwarding to `call`. The channel list comes from
 * channels.ts, not from the contract's map: importing contract.ts at runtime would bundle zod, whose
 * `new Function` probe the renderer's CSP forbids.
 */
export function channelApi(call: ChannelCall): DlLabApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {}
  for (const channel of channelNames) api[channel] = (request) => call(channel, request ?? {})
  return api as DlLabApi
}
