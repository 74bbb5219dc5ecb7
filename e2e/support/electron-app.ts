import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { _electron as electron, type ElectronApplication } from '@playwright/test'

const root = resolve(import.meta.dirname, '../..')

/**
 * The Electron executable when it is really installed, else null. Found by the lead's
 * scripts/electron-binary.mjs (node_modules/electron/path.txt → dist/<path>), never by
 * require('electron'), which would try to download a missing binary.
 */
export async function electronBinary(): Promise<string | null> {
  const script = pathToFileURL(join(root, 'scripts/electron-binary.mjs')).href
  const { electronBinaryPath } = (await import(script)) as { electronBinaryPath(): string | null }
  return electronBinaryPath()
}

export interface DesktopApp {
  app: ElectronApplication
  close(): Promise<void>
}

/**
 * Launches the built desktop app (out/main/index.js) with a throwaway home and config folder, so it
 * neither reads nor changes the user's settings.
 */
export async function launchDesktopApp(executablePath: string, home: string): Promise<DesktopApp> {
  const config = await mkdtemp(join(tmpdir(), 'dllab-e2e-electron-'))
  const app = await electron.launch({
    executablePath,
    args: [join(root, 'out/main/index.js'), `--user-data-dir=${join(config, 'user-data')}`, '--no-sandbox'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: config, LANG: 'en_US.UTF-8' },
  })
  return {
    app,
    close: async () => {
      await app.close()
      await rm(config, { recursive: true, force: true })
    },
  }
}
