import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// electron-vite builds the three Electron bundles into out/{main,preload,renderer}.
// The renderer bundle is the same one web mode serves.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'decode-worker': resolve(__dirname, 'src/worker/decode/decode-worker.ts'),
          worker: resolve(__dirname, 'src/worker/entry.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS (package.json says "type": "module", so force it).
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [vue()],
    // vue-i18n: Composition API only; its legacy API and devtools hooks are left out of the bundle.
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
