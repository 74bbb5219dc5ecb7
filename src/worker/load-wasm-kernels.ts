import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import {
  type WasmBackend,
  type WasmBackendOptions,
  WASM_MODULES,
  loadWasmBackend,
  relaxedSimdSupported,
} from '../engine/kernels/wasm'

/**
 * Node side of the WebAssembly backend: reads a kernel module from build/wasm/ (made by
 * `node scripts/build-wasm.mjs`) and hands its bytes to the engine's loadWasmBackend, which
 * registers the kernels. Used by the training worker, the CLI, tests and benchmarks.
 *
 * relaxed: 'auto' (default) takes the relaxed-SIMD build when this runtime validates it (Electron;
 * Node 20 with --experimental-wasm-relaxed-simd, which a forked worker can get through execArgv),
 * the plain SIMD build otherwise; true or false forces one.
 */
export interface LoadWasmKernelsOptions extends Omit<WasmBackendOptions, 'relaxed'> {
  /** Folder holding the .wasm files (default: build/wasm/ at the repository root). */
  dir?: string | URL
  relaxed?: boolean | 'auto'
}

export const DEFAULT_WASM_DIR = new URL('../../build/wasm/', import.meta.url)

export async function loadWasmKernels(options: LoadWasmKernelsOptions = {}): Promise<WasmBackend> {
  const { dir = DEFAULT_WASM_DIR, relaxed = 'auto', ...rest } = options
  const useRelaxed = relaxed === 'auto' ? relaxedSimdSupported() : relaxed
  const file = useRelaxed ? WASM_MODULES.relaxed : WASM_MODULES.simd
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir
  const url = new URL(file, base)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(url))
  } catch (error) {
    throw new Error(
      `wasm kernels: cannot read ${url.href} (${(error as Error).message}); ` +
        `build it with \`node scripts/build-wasm.mjs\``,
      { cause: error },
    )
  }
  return loadWasmBackend(bytes, { ...rest, relaxed: useRelaxed })
}
