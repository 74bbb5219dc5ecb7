import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type WasmBackend, type WasmBackendOptions, WASM_MODULES, loadWasmBackend } from '../index'

/**
 * Test helper: makes sure build/wasm/ is current — runs `node scripts/build-wasm.mjs --if-stale`, which
 * compiles only when a module is missing or older than a source in assembly/, so a fresh clone and an
 * edited kernel both test what the sources say — then loads one build into the registry.
 */
const root = new URL('../../../../../', import.meta.url)
let checked = false

export function ensureWasmBuilt(): void {
  if (checked) return
  checked = true
  execFileSync(process.execPath, [fileURLToPath(new URL('scripts/build-wasm.mjs', root)), '--if-stale'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

export function wasmModuleBytes(build: keyof typeof WASM_MODULES = 'simd'): Uint8Array {
  ensureWasmBuilt()
  return new Uint8Array(readFileSync(new URL(`build/wasm/${WASM_MODULES[build]}`, root)))
}

export function loadWasmForTests(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  return loadWasmBackend(wasmModuleBytes(options.relaxed ? 'relaxed' : 'simd'), options)
}
