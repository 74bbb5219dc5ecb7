import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { type ParsedModelSpec } from '../engine'
import { type ParsedExperiment, type PresetCatalog, resolveModel } from '../shared/experiment'
import { loadPresets, presetsDir, RunStore } from '../main/services/runs'
import { defaultWorkspace, SettingsStore, systemLanguage } from '../main/services/settings'
import type { WorkerScript } from '../main/supervisor'
import { stringOption, type ParsedArgs } from './args'
import type { CliIo } from './io'

/**
 * What every command works with: its IO, the app's root folder (for the presets), and the workspace,
 * in this order of precedence:
 *
 *   --workspace DIR         (relative to the working folder)
 *   $DLLAB_WORKSPACE
 *   DL Lab's setting        settings.json in $DLLAB_CONFIG_DIR, $XDG_CONFIG_HOME/dllab or ~/.config/dllab
 *                           (the desktop app's userData folder on Linux, and web mode's), else the
 *                           default <Documents>/DL Lab
 */
export interface CliContextOptions {
  io: CliIo
  /** The folder holding resources/presets (a checkout, or the installed package). */
  appRoot: string
  version: string
  /** The training worker's script (default: the supervisor's own lookup). */
  workerScript?: WorkerScript
}

export function configDirFor(env: CliIo['env'], home: string): string {
  if (env['DLLAB_CONFIG_DIR']) return resolve(env['DLLAB_CONFIG_DIR'])
  const xdg = env['XDG_CONFIG_HOME']
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'dllab')
}

export class CliContext {
  readonly io: CliIo
  readonly appRoot: string
  readonly version: string
  readonly workerScript: WorkerScript | undefined
  private catalog: Promise<PresetCatalog> | undefined

  constructor(options: CliContextOptions) {
    this.io = options.io
    this.appRoot = options.appRoot
    this.version = options.version
    this.workerScript = options.workerScript
  }

  /** A path the user typed, made absolute against the working folder. */
  path(p: string): string {
    return resolve(this.io.cwd, p)
  }

  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  warn(text: string): void {
    this.io.stderr.write(`dllab: ${text}\n`)
  }

  async workspace(args: ParsedArgs): Promise<string> {
    const given = stringOption(args, 'workspace')
    if (given !== undefined) return this.path(given)
    const env = this.io.env
    if (env['DLLAB_WORKSPACE']) return this.path(env['DLLAB_WORKSPACE'])
    const home = resolve(env['DLLAB_HOME'] || homedir())
    const settings = new SettingsStore({
      configDir: configDirFor(env, home),
      defaults: { workspace: defaultWorkspace(home), language: systemLanguage([]), trainingProcesses: 1 },
      logger: { warn: (message) => this.warn(message) },
    })
    return (await settings.get()).workspace
  }

  async runStore(args: ParsedArgs): Promise<RunStore> {
    return new RunStore(await this.workspace(args))
  }

  presets(): Promise<PresetCatalog> {
    this.catalog ??= loadPresets(presetsDir(this.appRoot))
    return this.catalog
  }

  /** The experiment's model spec: inline, or the preset model it names. */
  async modelOf(experiment: ParsedExperiment): Promise<ParsedModelSpec> {
    if (typeof experiment.model !== 'string') return experiment.model
    return resolveModel(experiment, (await this.presets()).models)
  }
}
