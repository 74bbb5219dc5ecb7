// `npm start`: build and launch the Electron app; without the binary, say so and point to web mode.
import { spawnSync } from 'node:child_process'
import { electronBinaryPath } from './electron-binary.mjs'

if (!electronBinaryPath()) {
  console.error(
    'DL Lab: the Electron binary is not installed on this machine, so the desktop app cannot start.\n' +
      'Run `npm run web` to use DL Lab in your browser instead (the same app, served on 127.0.0.1).',
  )
  process.exit(1)
}
const result = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit' })
process.exit(result.status ?? 1)
