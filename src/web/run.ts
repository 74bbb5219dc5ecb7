import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { HostError } from '../main/services/errors'
import { createServices } from '../main/services/services'
import { startWebServer, type WebServer } from './server'

/** The environment web mode reads. */
export interface WebModeEnv {
  /** Folder for settings.json (default $XDG_CONFIG_HOME/dllab or ~/.config/dllab). */
  DLLAB_CONFIG_DIR?: string
  /**
   * The home folder web mode uses (default: the user's): the folder browser starts here and the
   * default workspace is <home>/Documents/DL Lab (or <home>/DL Lab). Tests point it at a temp folder.
   */
  DLLAB_HOME?: string
  /** Port to listen on (default: a free one). */
  DLLAB_PORT?: string
  XDG_CONFIG_HOME?: string
}

export class WebModeError extends Error {
  override name = 'WebModeError'
}

export function configDirFor(env: WebModeEnv, home = homedir()): string {
  if (env.DLLAB_CONFIG_DIR) return resolve(env.DLLAB_CONFIG_DIR)
  return join(env.XDG_CONFIG_HOME ? resolve(env.XDG_CONFIG_HOME) : join(home, '.config'), 'dllab')
}

export function portFor(env: WebModeEnv): number {
  if (env.DLLAB_PORT === undefined || env.DLLAB_PORT === '') return 0
  const port = Number(env.DLLAB_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new WebModeError(`DLLAB_PORT must be a port number from 0 to 65535; got "${env.DLLAB_PORT}"`)
  }
  return port
}

/** The line `npm run web` prints (tests parse it). */
export function announcement(url: string): string {
  return `DL Lab web mode: open ${url} in your browser`
}

/**
 * Starts web mode: the shared services with the web host (no native dialog: the in-app folder browser
 * chooses folders, see HostAdapter.requestedFoldersAreChoices) behind the local server on 127.0.0.1.
 */
export async function runWebMode(env: WebModeEnv, rendererDir: string): Promise<WebServer> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new WebModeError(
      `The renderer is not built (${join(rendererDir, 'index.html')} is missing); run \`npm run build\``,
    )
  }
  const home = resolve(env.DLLAB_HOME || homedir())
  const services = createServices({
    configDir: configDirFor(env),
    home,
    host: {
      kind: 'web',
      pickFolder: async () => {
        throw new HostError(
          'folders.pick: web mode has no native folder dialog; choose folders with folders.list',
        )
      },
      browseStart: async () => home,
      requestedFoldersAreChoices: true,
    },
  })
  return startWebServer({ host: '127.0.0.1', port: portFor(env), rendererDir, services })
}
