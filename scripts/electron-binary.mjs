// Where the Electron binary is, found WITHOUT require('electron'): since Electron 45, requiring the
// package downloads a missing binary on the spot, which must never happen implicitly here.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Folder of the installed electron package, or null. */
export function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

/** Absolute path of the Electron executable when it is really there, else null. */
export function electronBinaryPath() {
  const dir = electronPackageDir()
  if (!dir) return null
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}
