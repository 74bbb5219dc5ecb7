import { ipcMain } from 'electron'
import { channelNames } from '../../shared/ipc/channels'
import type { Dispatch } from '../ipc/dispatch'
import { isTrustedSender } from '../security/origin'

/**
 * One ipcMain handler per channel of the contract. Each checks that the message comes from our own
 * page's main frame, then hands the raw request to dispatch (which validates it with the channel's
 * schema). The answer is an IpcResult; the preload unwraps it.
 */
export function registerIpc(dispatch: Dispatch): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        const url = event.senderFrame?.url ?? 'a closed frame'
        return {
          ok: false,
          error: { name: 'UntrustedSenderError', message: `${channel}: refused request from ${url}` },
        }
      }
      return dispatch(channel, request)
    })
  }
}
