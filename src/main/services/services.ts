import { availableParallelism, homedir } from 'node:os'
import type { ParsedModelSpec } from '../../engine'
import { type ParsedExperiment, type PresetCatalog, resolveModel } from '../../shared/experiment'
import type { AppInfo, DirectoryListing, FolderScan } from '../../shared/ipc/contract'
import { appInfo } from '../app-info'
import { Supervisor, type WorkerSpawner } from '../supervisor'
import { scanFolder } from './datasets/scan-folder'
import { HostError } from './errors'
import { FolderAccess } from './folder-access'
import { grantedFoldersFile } from './granted-folders'
import { listFolders } from './folders'
import { loadPresets } from './runs/presets'
import { ResultsService } from './results'
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
  /**
   * The native save dialog, then the bytes written atomically to the chosen path: that path, or null
   * when the user cancels. Absent in web mode, where the browser downloads the file instead.
   */
  saveFile?(defaultName: string, bytes: Uint8Array): Promise<string | null>
  /**
   * A standalone HTML page (no scripts, no network) printed as an A4 PDF. Absent in web mode, where the
   * browser's own print makes the PDF.
   */
  printPdf?(html: string): Promise<Uint8Array>
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
  /** A run's results: detail, figures with their numbers, confusion cells, feature maps, im2col. */
  results: ResultsService
  /** resources/presets, when the host knows it (TrainingHostOptions.presetsDir). */
  presetsDir?: string
  /** The model spec of an experiment: inline, or the preset model it names. */
  modelOf(experiment: ParsedExperiment): Promise<ParsedModelSpec>
}

/** How this host starts training workers (ServicesOptions.training). */
export interface TrainingHostOptions {
  /** child_process.fork (web mode, CLI) or utilityProcess.fork (Electron). */
  spawner: WorkerSpawner
  /** Default of the setting trainingProcesses, the workers at once (default: the number of cores). */
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

/**
 * The model of an experiment: its inline spec, or the preset model it names, resolved over the preset
 * files (read once on first use; without a presets folder, a preset name is an error).
 */
function presetModels(dir: string | undefined): (experiment: ParsedExperiment) => Promise<ParsedModelSpec> {
  let catalog: Promise<PresetCatalog> | undefined
  return async (experiment) => {
    if (typeof experiment.model !== 'string') return experiment.model
    if (dir === undefined) {
      throw new HostError(
        `experiment '${experiment.name}' names the preset model '${experiment.model}', but this host has ` +
          'no preset catalogue; put the model spec in the experiment',
      )
    }
    catalog ??= loadPresets(dir)
    try {
      return resolveModel(experiment, (await catalog).models)
    } catch (error) {
      catalog = undefined
      throw error
    }
  }
}

/**
 * The supervisor, governed by the setting trainingProcesses: applied whenever the supervisor asks for
 * the workspace (which it does before any run of a workspace starts), and at once when it changes.
 */
function createSupervisor(
  options: TrainingHostOptions,
  settings: SettingsStore,
  modelOf: (experiment: ParsedExperiment) => Promise<ParsedModelSpec>,
): Supervisor {
  const supervisor: Supervisor = new Supervisor({
    spawner: options.spawner,
    workspace: async () => {
      const current = await settings.get()
      supervisor.setConcurrency(current.trainingProcesses)
      return current.workspace
    },
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.presetsDir !== undefined ? { resolveModel: modelOf } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  })
  settings.subscribe((changed) => supervisor.setConcurrency(changed.trainingProcesses))
  return supervisor
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
  const access = new FolderAccess(
    async () => (await settings.get()).workspace,
    grantedFoldersFile(
      options.configDir,
      options.logger ? (e) => options.logger?.warn(`granted-folders.json: ${String(e)}`) : undefined,
    ),
  )
  const modelOf = presetModels(options.training?.presetsDir)
  return {
    info: appInfo(options.host.kind),
    settings,
    access,
    host: options.host,
    listFolders,
    scanFolder: (path) => scanFolder(path),
    ...(options.training ? { training: createSupervisor(options.training, settings, modelOf) } : {}),
    ...(options.training?.presetsDir !== undefined ? { presetsDir: options.training.presetsDir } : {}),
    modelOf,
    results: new ResultsService({ workspace: async () => (await settings.get()).workspace, modelOf }),
  }
}
