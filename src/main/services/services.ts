import { homedir } from 'node:os'
import type { AppInfo, DirectoryListing, FolderScan } from '../../shared/ipc/contract'
import { appInfo } from '../app-info'
import { scanFolder } from './datasets/scan-folder'
import { FolderAccess } from './folder-access'
import { listFolders } from './folders'
import { SettingsStore, defaultWorkspace, systemLanguage, type Logger } from './settings'

/** What differs between the desktop app and web mode, supplied by each host's entry point. */
export interface HostAdapter {
  kind: AppInfo['host']
  /** The native folder dialog: the chosen path, or null when the user cancels. */
  pickFolder(title?: string): Promise<string | null>
  /** Where the folder browser (`folders.list` without a path) starts. */
  browseStart(): Promise<string>
  /**
   * How the user chooses folders. Electron: only in the native dialog (`folders.pick`), which grants
   * the folder; any other path the renderer sends must lie under a granted folder or the workspace.
   * Web mode (true): the in-app folder browser is the chooser, so a folder the renderer names in
   * `datasets.scanFolder` or as the workspace in `settings.update` is the user's choice and is granted
   * by that request; and the browser may list any folder. The page that sends these requests is only
   * reachable with the per-launch token, on 127.0.0.1, by the user who started the server.
   */
  requestedFoldersAreChoices: boolean
}

export interface Services {
  info: AppInfo
  settings: SettingsStore
  access: FolderAccess
  host: HostAdapter
  listFolders(path: string): Promise<DirectoryListing>
  scanFolder(path: string): Promise<FolderScan>
}

export interface ServicesOptions {
  host: HostAdapter
  /** Folder for settings.json. */
  configDir: string
  /** The user's home folder (default: the OS's). */
  home?: string
  /** The OS's documents folder when the host knows it (Electron). */
  documents?: string
  /** The user's preferred locales, most preferred first: picks the default language. */
  locales?: readonly string[]
  logger?: Logger
}

/** Builds the Electron-free services both hosts share. */
export function createServices(options: ServicesOptions): Services {
  const home = options.home ?? homedir()
  const settings = new SettingsStore({
    configDir: options.configDir,
    defaults: {
      workspace: defaultWorkspace(home, options.documents),
      language: systemLanguage(options.locales ?? [Intl.DateTimeFormat().resolvedOptions().locale]),
    },
    ...(options.logger ? { logger: options.logger } : {}),
  })
  const access = new FolderAccess(async () => (await settings.get()).workspace)
  return {
    info: appInfo(options.host.kind),
    settings,
    access,
    host: options.host,
    listFolders,
    scanFolder: (path) => scanFolder(path),
  }
}
