import { existsSync, statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'
import { languages, type Language, type Settings } from '../../shared/ipc/contract'
import { writeFileAtomic } from './atomic-write'
import { SettingsError, describeFsError, fsErrorParams } from './errors'

export interface Logger {
  warn(message: string): void
}

export const settingsFileName = 'settings.json'
const fileFormat = 'dllab.settings/1'

/** The workspace folder's name inside the user's documents (or home) folder. */
export const workspaceFolderName = 'DL Lab'

/**
 * The default workspace: `<documents>/DL Lab`, where documents is the folder the OS names (Electron's
 * app.getPath('documents')) or else `~/Documents` when it exists; `~/DL Lab` otherwise.
 */
export function defaultWorkspace(home: string, documents?: string): string {
  const candidates = [documents, join(home, 'Documents')].filter((d): d is string => Boolean(d))
  const found = candidates.find((d) => existsSync(d) && statSync(d).isDirectory())
  return join(found ?? home, workspaceFolderName)
}

/** Training processes at once by default: one per core, at most 16. */
export function defaultTrainingProcesses(cores: number): number {
  return Math.max(1, Math.min(16, Math.floor(cores)))
}

/** Japanese when the user's first preferred locale is Japanese, English otherwise. */
export function systemLanguage(locales: readonly string[]): Language {
  return locales[0]?.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

const storedSettings = z.object({
  format: z.literal(fileFormat).optional(),
  workspace: z.string().min(1).refine(isAbsolute, 'expected an absolute path').optional(),
  language: z.enum(languages).optional(),
  trainingProcesses: z.number().int().min(1).max(16).optional(),
})

export interface SettingsStoreOptions {
  /** Folder that holds settings.json (Electron's userData, or ~/.config/dllab in web mode). */
  configDir: string
  defaults: Settings
  logger?: Logger
}

/**
 * The user's settings, kept in `<configDir>/settings.json`. A missing file means defaults; a corrupt
 * file or an invalid field means defaults for what cannot be read, with a logged warning, never a
 * crash. Writes are atomic and serialised.
 */
export class SettingsStore {
  readonly file: string
  private readonly defaults: Settings
  private readonly logger: Logger
  private current: Promise<Settings> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private readonly listeners = new Set<(settings: Settings) => void>()

  constructor(options: SettingsStoreOptions) {
    this.file = join(options.configDir, settingsFileName)
    this.defaults = { ...options.defaults }
    this.logger = options.logger ?? console
  }

  async get(): Promise<Settings> {
    this.current ??= this.load()
    return { ...(await this.current) }
  }

  /** Called with the new settings after every saved change; returns the function that unsubscribes. */
  subscribe(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Applies a partial change, saves it and returns the new settings. */
  update(patch: Partial<Settings>): Promise<Settings> {
    const run = this.queue.then(async () => {
      const next = { ...(await this.get()) }
      if (patch.language !== undefined) next.language = patch.language
      if (patch.trainingProcesses !== undefined) next.trainingProcesses = patch.trainingProcesses
      if (patch.workspace !== undefined) next.workspace = await checkWorkspace(patch.workspace)
      await writeFileAtomic(this.file, JSON.stringify({ format: fileFormat, ...next }, null, 2) + '\n')
      this.current = Promise.resolve(next)
      for (const listener of this.listeners) {
        try {
          listener({ ...next })
        } catch (error) {
          this.logger.warn(`DL Lab: a settings listener failed: ${(error as Error).message}`)
        }
      }
      return { ...next }
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private async load(): Promise<Settings> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn(
          `DL Lab: cannot read settings ${this.file} (${describeFsError(error)}); using defaults`,
        )
      }
      return { ...this.defaults }
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      this.logger.warn(
        `DL Lab: settings ${this.file} is not valid JSON (${(error as Error).message}); using defaults`,
      )
      return { ...this.defaults }
    }
    const parsed = storedSettings.safeParse(json)
    if (parsed.success) return { ...this.defaults, ...definedFields(parsed.data) }
    const settings = { ...this.defaults }
    const fields = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {}
    for (const key of ['workspace', 'language', 'trainingProcesses'] as const) {
      const field = storedSettings.shape[key].safeParse(fields[key])
      if (field.success && field.data !== undefined) Object.assign(settings, { [key]: field.data })
    }
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')
    this.logger.warn(`DL Lab: settings ${this.file} has invalid values (${issues}); using defaults for them`)
    return settings
  }
}

function definedFields(data: z.infer<typeof storedSettings>): Partial<Settings> {
  const fields: Partial<Settings> = {}
  if (data.workspace !== undefined) fields.workspace = data.workspace
  if (data.language !== undefined) fields.language = data.language
  if (data.trainingProcesses !== undefined) fields.trainingProcesses = data.trainingProcesses
  return fields
}

/** A workspace must be an absolute path to an existing folder (the user picked it). */
async function checkWorkspace(path: string): Promise<string> {
  if (!isAbsolute(path)) {
    throw new SettingsError(`The workspace must be an absolute path; got "${path}"`, {
      code: 'workspace-not-absolute',
      params: { path },
    })
  }
  const folder = resolve(path)
  let info
  try {
    info = await stat(folder)
  } catch (error) {
    throw new SettingsError(`Cannot use ${folder} as the workspace: ${describeFsError(error)}`, {
      code: 'workspace-unusable',
      params: { path: folder, ...fsErrorParams(error) },
    })
  }
  if (!info.isDirectory()) {
    throw new SettingsError(`Cannot use ${folder} as the workspace: it is not a folder`, {
      code: 'workspace-unusable',
      params: { path: folder, cause: 'not-a-folder' },
    })
  }
  return folder
}
