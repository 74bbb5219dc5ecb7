import { version } from '../../package.json'
import type { AppInfo } from '../shared/ipc/contract'

export const appName = 'DL Lab'

/** What `app.info` answers: the product, its version (package.json), the host and the OS. */
export function appInfo(host: AppInfo['host']): AppInfo {
  return { name: appName, version, host, platform: process.platform }
}
