import { availableParallelism, homedir } from 'node:os'
import { type ParsedExperiment, type PresetCatalog, resolveModel } from '../../shared/experiment'
import type { AppInfo, DirectoryListing, FolderScan } from '../../shared/ipc/contract'
import { appInfo } from '../app-info'
import { Supervisor, type WorkerSpawner } from '../supervisor'
import { scanFolder } from './datasets/scan-folder'
import { FolderAccess } from './folder-access'
import { listFolders } from './folders'
import { loadPresets } from './runs/presets'
import {
  SettingsStore,
  defaultTrainingProcesses,
  defaultWorkspace,
  systemLanguage,
  type Logger,
} from './settings'

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
  /** The training supervisor; absent when the host gave no way to start workers. */
  training?: Supervisor
}

/** How this host starts training workers (ServicesOptions.training). */
export interface TrainingHostOptions {
  /** child_process.fork (web mode, CLI) or utilityProcess.fork (Electron). */
  spawner: WorkerSpawner
  /** Workers at once (default: the number of cores). */
  concurrency?: number
  /** resources/presets: resolves experiments that name a preset model. */
  presetsDir?: string
  onError?: (error: unknown) => void
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
  /** Training workers (omitted: the training channels answer that training is unavailable). */
  training?: TrainingHostOptions
}

/** A preset model resolver over the preset files, read once on first use. */
function presetModels(dir: string): (experiment: ParsedExperiment) => Promise<unknown> {
  let catalog: Promise<PresetCatalog> | undefined
  return async (experiment) => {
    catalog ??= loadPresets(dir)
    try {
      return resolveModel(experiment, (await catalog).models)
    } catch (error) {
      catalog = undefined
      throw error
    }
  }
}

function createSupervisor(options: TrainingHostOptions, settings: SettingsStore): Supervisor {
  return new Supervisor({
    spawner: options.spawner,
    workspace: async () => (await settings.get()).workspace,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.presetsDir !== undefined ? { resolveModel: presetModels(options.presetsDir) } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  })
}

/** Builds the Electron-free services both hosts share. */
export function createServices(options: ServicesOptions): Services {
  const home = options.home ?? homedir()
  const settings = new SettingsStore({
    configDir: options.configDir,
    defaults: {
      workspace: defaultWorkspace(home, options.documents),
      language: systemLanguage(options.locales ?? [Intl.DateTimeFormat().resolvedOptions().locale]),
      trainingProcesses: defaultTrainingProcesses(options.training?.concurrency ?? availableParallelism()),
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
    ...(options.training ? { training: createSupervisor(options.training, settings) } : {}),
  }
}
