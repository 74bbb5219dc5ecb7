import { registerKernel } from '../../engine/kernels/registry'
import { threadedWasmConv2d } from '../../engine/kernels/parallel/threaded-conv2d'
import { hasPanelExports, threadedWasmGemm } from '../../engine/kernels/parallel/threaded-gemm'
import { type WasmBackend, type WasmBackendOptions, loadWasmBackend } from '../../engine/kernels/wasm'
import type { ThreadTeam } from '../../engine/kernels/parallel/team'
import { type GemmPool, startGemmPool } from './gemm-pool'

/**
 * The WebAssembly backend with its GEMM split across worker threads: loads a shared-memory build
 * (bytes of kernels-*-shared.wasm), starts `threads − 1` helper threads over its memory, and
 * registers the threaded gemm, conv2dForward and conv2dBackward under the backend's name over the
 * single-thread ones (dense layers call kernels.gemm, conv2d layers the conv2d kernels). Every other
 * kernel runs on the calling thread, over the same shared memory.
 *
 * If the pool cannot start, the backend stays, single-threaded (threads: 1, and `note` says why).
 */
export interface ThreadedWasmBackend extends WasmBackend {
  threads: number
  note?: string
  /** The control block the threaded gemm splits through (absent on 1 thread). */
  team?: ThreadTeam
  /** Stops the helper threads (the gemm then runs on one thread). */
  close(): Promise<void>
}

export async function loadThreadedWasmBackend(
  sharedBytes: Uint8Array,
  threads: number,
  options: Omit<WasmBackendOptions, 'shared'> = {},
): Promise<ThreadedWasmBackend> {
  const backend = await loadWasmBackend(sharedBytes, { ...options, shared: {} })
  const ex = backend.exports
  if (!hasPanelExports(ex)) {
    return {
      ...backend,
      threads: 1,
      note: 'the shared build lacks gemmPanel; rebuild build/wasm',
      close: noop,
    }
  }
  let pool: GemmPool
  try {
    pool = await startGemmPool({ threads, module: backend.module, memory: backend.memory })
  } catch (error) {
    return { ...backend, threads: 1, note: (error as Error).message, close: noop }
  }
  const threaded = {
    gemm: threadedWasmGemm(ex, backend.heap, pool.team),
    ...threadedWasmConv2d(ex, backend.heap, pool.team),
  }
  const activate = options.activate ?? true
  registerKernel('gemm', backend.backend, threaded.gemm, { activate })
  registerKernel('conv2dForward', backend.backend, threaded.conv2dForward, { activate })
  registerKernel('conv2dBackward', backend.backend, threaded.conv2dBackward, { activate })
  return {
    ...backend,
    kernels: { ...backend.kernels, ...threaded },
    threads,
    team: pool.team,
    close: () => pool.close(),
  }
}

async function noop(): Promise<void> {}
