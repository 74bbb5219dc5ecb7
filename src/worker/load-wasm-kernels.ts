import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import {
  type WasmBackendOptions,
  WASM_MODULES,
  WASM_SHARED_MODULES,
  loadWasmBackend,
  relaxedSimdSupported,
} from '../engine/kernels/wasm'
import { type ThreadedWasmBackend, loadThreadedWasmBackend } from './gemm-pool/threaded-backend'

/**
 * Node side of the WebAssembly backend: reads a kernel module from build/wasm/ (made by
 * `node scripts/build-wasm.mjs`) and hands its bytes to the engine's loadWasmBackend, which
 * registers the kernels. Used by the training worker, the CLI, tests and benchmarks.
 *
 * relaxed: 'auto' (default) takes the relaxed-SIMD build when this runtime validates it (Electron;
 * Node 20 with --experimental-wasm-relaxed-simd, which a forked worker can get through execArgv),
 * the plain SIMD build otherwise; true or false forces one.
 *
 * threads (default 1): more than 1 loads the shared-memory build and splits GEMMs across that many
 * threads (src/worker/gemm-pool/); results are bit-identical to 1 thread. Where that cannot work (no
 * SharedArrayBuffer, no shared build, a thread that fails to start) it falls back to 1 thread and
 * `note` says why. Helper threads use the same build as this thread (V8 flags are process-wide).
 */
export interface LoadWasmKernelsOptions extends Omit<WasmBackendOptions, 'relaxed' | 'shared'> {
  /** Folder holding the .wasm files (default: build/wasm/ at the repository root). */
  dir?: string | URL
  relaxed?: boolean | 'auto'
  /** Threads for GEMM, the calling one included (default 1). */
  threads?: number
}

export type LoadedWasmKernels = ThreadedWasmBackend

export const DEFAULT_WASM_DIR = new URL('../../build/wasm/', import.meta.url)

export async function loadWasmKernels(options: LoadWasmKernelsOptions = {}): Promise<LoadedWasmKernels> {
  const { dir = DEFAULT_WASM_DIR, relaxed = 'auto', threads = 1, ...rest } = options
  const useRelaxed = relaxed === 'auto' ? relaxedSimdSupported() : relaxed
  const build = useRelaxed ? 'relaxed' : 'simd'
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir
  let note: string | undefined
  if (threads > 1) {
    if (typeof SharedArrayBuffer === 'undefined') {
      note = 'threads: this runtime has no SharedArrayBuffer; GEMM runs on 1 thread'
    } else {
      const shared = await readModule(new URL(WASM_SHARED_MODULES[build], base)).catch((e: Error) => e)
      if (!(shared instanceof Error)) {
        return loadThreadedWasmBackend(shared, threads, { ...rest, relaxed: useRelaxed })
      }
      note = `threads: ${shared.message}; GEMM runs on 1 thread`
    }
  }
  // One thread: still the shared build when there is one, so training arrays can live in wasm memory
  // (a shared memory grows without detaching them: engine/kernels/wasm/resident-allocator.ts).
  if (threads === 1 && typeof SharedArrayBuffer !== 'undefined') {
    const shared = await readModule(new URL(WASM_SHARED_MODULES[build], base)).catch(() => undefined)
    if (shared) {
      const backend = await loadWasmBackend(shared, { ...rest, relaxed: useRelaxed, shared: {} })
      return { ...backend, threads: 1, ...(note ? { note } : {}), close: async () => {} }
    }
  }
  const bytes = await readModule(new URL(WASM_MODULES[build], base))
  const backend = await loadWasmBackend(bytes, { ...rest, relaxed: useRelaxed })
  return { ...backend, threads: 1, ...(note ? { note } : {}), close: async () => {} }
}

async function readModule(url: URL): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(url))
  } catch (error) {
    throw new Error(
      `wasm kernels: cannot read ${url.href} (${(error as Error).message}); ` +
        `build it with \`node scripts/build-wasm.mjs\``,
      { cause: error },
    )
  }
}
