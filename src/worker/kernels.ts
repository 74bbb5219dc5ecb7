import { resolveThreadCount } from './gemm-pool/thread-count'
import { loadWasmKernels } from './load-wasm-kernels'

/**
 * The training worker's kernels: the WebAssembly SIMD build (build/wasm, made by
 * `node scripts/build-wasm.mjs`) when it loads, else the JS reference kernels, which are always there.
 * Loaded once per process. Both give the same results within the kernels' tested tolerances; a run
 * and its resumption on the same machine use the same build, so a resumed run stays bit-identical.
 *
 * Threads: GEMM and convolution split across `threads` worker threads (src/worker/gemm-pool/):
 * the argument, else $DLLAB_THREADS, else all cores (os.availableParallelism()). Results are
 * bit-identical whatever the count; without shared memory it falls back to 1 (the note says why).
 */
export type KernelChoice = 'wasm' | 'js'
export type ActiveKernels = 'wasm-simd' | 'wasm-relaxed-simd' | 'js'

export interface KernelInfo {
  kernels: ActiveKernels
  /** Threads the wasm GEMM and convolution use (1 for js). */
  threads: number
  note?: string
}

let active: Promise<KernelInfo> | undefined

export function activateKernels(choice: KernelChoice = 'wasm', threads?: number): Promise<KernelInfo> {
  if (choice === 'js') return Promise.resolve({ kernels: 'js', threads: 1 })
  active ??= (async (): Promise<KernelInfo> => {
    try {
      const backend = await loadWasmKernels({ threads: resolveThreadCount(threads) })
      return {
        kernels: backend.relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd',
        threads: backend.threads,
        ...(backend.note ? { note: backend.note } : {}),
      }
    } catch (error) {
      return { kernels: 'js', threads: 1, note: error instanceof Error ? error.message : String(error) }
    }
  })()
  return active
}
