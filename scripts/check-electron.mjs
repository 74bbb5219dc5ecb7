// Runs after `npm install`: fetches the Electron binary where it can be downloaded and turns a
// failed download into a one-line warning, never a failed install.
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the attempt (CI, offline machines).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { electronBinaryPath, electronPackageDir } from './electron-binary.mjs'

const dir = electronPackageDir()
if (dir && !electronBinaryPath() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
}

const binary = electronBinaryPath()
if (binary) {
  console.log(`DL Lab: Electron binary ready (${binary}).`)
} else {
  console.warn(
    'DL Lab: warning: the Electron binary is not installed (download skipped or not possible here); ' +
      'the desktop app cannot start, but `npm run web` runs the same app in your browser.',
  )
}
