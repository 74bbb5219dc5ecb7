import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

// Bundles the Node entry points (web-mode server, CLI, training worker) into out/node as ES modules.
// Dependencies stay external and load from node_modules.
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
  ...Object.keys(pkg.devDependencies),
]

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/node',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        web: resolve(__dirname, 'src/web/main.ts'),
        'decode-worker': resolve(__dirname, 'src/worker/decode/decode-worker.ts'),
        worker: resolve(__dirname, 'src/worker/entry.ts'),
        cli: resolve(__dirname, 'src/cli/main.ts'),
      },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      // Chunks beside the entries: code finds worker.js, decode-worker.js and build/wasm relative to itself.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
})
