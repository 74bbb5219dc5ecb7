import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { HostError } from '../main/services/errors'
import { createServices, type Services } from '../main/services/services'
import { nodeWorkerSpawner, type WorkerSpawner } from '../main/supervisor'
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
  /** Port to listen on (default: PREFERRED_WEB_PORT, or a free one when that is taken). */
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

/**
 * The port web mode listens on unless DLLAB_PORT says otherwise: one address launch after launch, so
 * the browser keeps what the app stores per address (the chosen dataset, in localStorage).
 */
export const PREFERRED_WEB_PORT = 47810

/** DLLAB_PORT as a number (0: any free port); undefined when not set. */
export function portFor(env: WebModeEnv): number | undefined {
  if (env.DLLAB_PORT === undefined || env.DLLAB_PORT === '') return undefined
  const port = Number(env.DLLAB_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new WebModeError(`DLLAB_PORT must be a port number from 0 to 65535; got "${env.DLLAB_PORT}"`)
  }
  return port
}

export interface WebModeOptions {
  /** resources/presets, for experiments that name a preset model. */
  presetsDir?: string
  /** How training workers start (default: Node child processes running the built worker.js). */
  spawner?: WorkerSpawner
}

/** The running web mode: its server, and the services behind it. */
export interface WebMode extends WebServer {
  services: Services
  /** Training workers checkpoint and stop (their runs stay resumable), then the server closes. */
  shutdown(): Promise<void>
}

/** The line `npm run web` prints (tests parse it). */
export function announcement(url: string): string {
  return `DL Lab web mode: open ${url} in your browser`
}

/**
 * Starts web mode: the shared services with the web host (no native dialog: the in-app folder browser
 * chooses folders, see HostAdapter.requestedFoldersAreChoices) behind the local server on 127.0.0.1.
 */
export async function runWebMode(
  env: WebModeEnv,
  rendererDir: string,
  options: WebModeOptions = {},
): Promise<WebMode> {
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
    training: {
      spawner: options.spawner ?? nodeWorkerSpawner(),
      ...(options.presetsDir !== undefined ? { presetsDir: options.presetsDir } : {}),
      onError: (error) =>
        console.error(`DL Lab training: ${error instanceof Error ? error.message : String(error)}`),
    },
  })
  const start = (port: number) => startWebServer({ host: '127.0.0.1', port, rendererDir, services })
  const port = portFor(env)
  const server =
    port !== undefined
      ? await start(port)
      : await start(PREFERRED_WEB_PORT).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EADDRINUSE') throw error
          return start(0)
        })
  // runs an earlier session left training become resumable; runs it left queued are queued again
  services.training?.open().catch((error: unknown) => console.error(`DL Lab training: ${String(error)}`))
  return {
    ...server,
    services,
    shutdown: async () => {
      await services.training?.shutdown()
      await server.close()
    },
  }
}
