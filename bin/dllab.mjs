#!/usr/bin/env node
// `dllab`, DL Lab's command line (package.json "bin"; `npx dllab …` after `npm install`). It runs the
// built CLI, out/node/cli.js (src/cli/main.ts bundled by `npm run build` or `npm run build:node`).
// From a checkout without a build: `node --import tsx src/cli/main.ts …`.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = fileURLToPath(new URL('../out/node/cli.js', import.meta.url))

if (!existsSync(cli)) {
  process.stderr.write(
    `dllab: the command line is not built yet (${cli} is missing); run \`npm run build\` in ${root}\n`,
  )
  process.exit(1)
}
await import(pathToFileURL(cli).href)
