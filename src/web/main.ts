// `npm run web`: DL Lab in the browser. Serves the built renderer (out/renderer, beside this bundle's
// out/node) and the API on 127.0.0.1 until SIGINT or SIGTERM.
import { join } from 'node:path'
import { announcement, runWebMode } from './run'

const rendererDir = join(import.meta.dirname, '..', 'renderer')

try {
  const server = await runWebMode(process.env, rendererDir)
  process.stdout.write(announcement(server.url) + '\n')
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(`DL Lab web mode could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
