// The `dllab` command (bin/dllab.mjs runs the bundle of this file, out/node/cli.js; tests and
// development run it from source with `node --import tsx src/cli/main.ts`). Both live two folders
// below the app's root, which holds package.json and resources/presets. Built, the training worker
// is out/node/worker.js beside this bundle; from source, src/worker/entry.ts run through tsx.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { trainingWorkerScript } from '../main/supervisor'
import { runCli } from './cli'
import { processIo } from './io'

const appRoot = fileURLToPath(new URL('../..', import.meta.url))
const { version } = JSON.parse(readFileSync(`${appRoot}/package.json`, 'utf8')) as { version: string }

const workerScript = import.meta.url.endsWith('.ts')
  ? trainingWorkerScript()
  : { path: fileURLToPath(new URL('worker.js', import.meta.url)), execArgv: [] }

process.exitCode = await runCli(process.argv.slice(2), processIo(), { appRoot, version, workerScript })
