// `npm run web`: DL Lab in the browser. Serves the built renderer (out/renderer, beside this bundle's
// out/node) and the API on 127.0.0.1 until SIGINT or SIGTERM.
import { join } from 'node:path'
import { announcement, runWebMode } from './run'

const rendererDir = join(import.meta.dirname, '..', 'renderer')
const presetsDir = join(import.meta.dirname, '..', '..', 'resources', 'presets')

try {
  const server = await runWebMode(process.env, rendererDir, { presetsDir })
  process.stdout.write(announcement(server.url) + '\n')
  // training workers checkpoint and stop first, so their runs can be resumed next time
  const stop = () => {
    void server.shutdown().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(`DL Lab web mode could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
