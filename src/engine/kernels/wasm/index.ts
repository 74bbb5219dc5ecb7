import { KernelError } from '../../errors'
import { registerFloat32Allocator } from '../../tensor/float32-allocator'
import type { KernelName, KernelSignatures } from '../kernel-types'
import { registerKernel } from '../registry'
import { wasmActivations } from './activations'
import { wasmAdamUpdate } from './adam-update'
import { wasmBias } from './bias'
import { wasmColumns } from './columns'
import { wasmConv2d } from './conv2d'
import { wasmFill } from './fill'
import { wasmGemm } from './gemm'
import { wasmPool } from './pool'
import { residentAllocator } from './resident-allocator'
import { wasmSgdUpdate } from './sgd-update'
import { wasmSoftmaxCrossEntropy } from './softmax-cross-entropy'
import { wasmSquaredError } from './squared-error'
import {
  WASM_PAGE_BYTES,
  type WasmMemory,
  type WasmModule,
  relaxedSimdSupported,
  simdSupported,
  wasmApi,
} from './wasm-api'
import { type WasmKernelExports, asKernelExports } from './wasm-exports'
import { WasmHeap } from './wasm-heap'

export { relaxedSimdSupported, simdSupported } from './wasm-api'
export type { WasmKernelExports } from './wasm-exports'
export { WasmHeap } from './wasm-heap'

/**
 * The WebAssembly SIMD backend. The engine reads no files, so the caller hands over the module's
 * bytes (build/wasm/, built by `node scripts/build-wasm.mjs`): Node code through
 * src/worker/load-wasm-kernels.ts, the renderer by fetch. Two builds exist:
 *
 *   WASM_MODULES.simd      128-bit SIMD, runs everywhere we run
 *   WASM_MODULES.relaxed   + relaxed SIMD (fused multiply-add in GEMM), where relaxedSimdSupported()
 *
 * loadWasmBackend instantiates the module over a fresh memory, wraps every export into the kernel
 * contract (the same signatures and size checks as the JS reference), and registers every kernel
 * under the backend name (default 'wasm'), making them the active ones unless `activate: false`.
 */
export const WASM_BACKEND = 'wasm'

export const WASM_MODULES = { simd: 'kernels-simd.wasm', relaxed: 'kernels-relaxed.wasm' } as const

/** The builds over a shared memory (assembly/threaded.ts: every kernel plus gemmPanel), for threads. */
export const WASM_SHARED_MODULES = {
  simd: 'kernels-simd-shared.wasm',
  relaxed: 'kernels-relaxed-shared.wasm',
} as const

/** Pages (64 KiB) a shared memory may grow to by default: 4 GiB, wasm32's limit (address space only). */
export const SHARED_MAXIMUM_PAGES = 65536

export interface WasmBackendOptions {
  /** The bytes are the relaxed-SIMD build (checked: a runtime without relaxed SIMD is told so). */
  relaxed?: boolean
  /** Registry name (default 'wasm'). */
  backend?: string
  /** Make these kernels the active ones (default true); false only registers them. */
  activate?: boolean
  /** Initial memory in MiB (default 16; it grows on demand). */
  initialMiB?: number
  /**
   * The bytes are a shared-memory build (WASM_SHARED_MODULES): the memory is created shared (growing
   * up to maximumPages), so worker threads can instantiate `module` over the same `memory`.
   */
  shared?: { maximumPages?: number }
}

export interface WasmBackend {
  backend: string
  relaxedSimd: boolean
  kernels: KernelSignatures
  heap: WasmHeap
  exports: WasmKernelExports
  /** The compiled module and its memory (shared when options.shared): what a worker thread needs. */
  module: WasmModule
  memory: WasmMemory
}

export async function loadWasmBackend(
  wasmBytes: Uint8Array,
  options: WasmBackendOptions = {},
): Promise<WasmBackend> {
  const api = wasmApi()
  if (!api || !simdSupported()) {
    throw new KernelError('wasm backend: this runtime has no WebAssembly SIMD; the JS kernels stay active')
  }
  const relaxed = options.relaxed ?? false
  if (relaxed && !relaxedSimdSupported()) {
    throw new KernelError(
      `wasm backend: ${WASM_MODULES.relaxed} needs relaxed SIMD, which this runtime lacks ` +
        `(Node 20: start it with --experimental-wasm-relaxed-simd); load ${WASM_MODULES.simd} instead`,
    )
  }
  if (!api.validate(wasmBytes)) {
    throw new KernelError(
      `wasm backend: the bytes are not a valid module for this runtime; rebuild with \`node scripts/build-wasm.mjs\``,
    )
  }
  const initialPages = Math.ceil(((options.initialMiB ?? 16) * 1024 * 1024) / WASM_PAGE_BYTES)
  const memory = options.shared
    ? new api.Memory({
        initial: initialPages,
        maximum: options.shared.maximumPages ?? SHARED_MAXIMUM_PAGES,
        shared: true,
      })
    : new api.Memory({ initial: initialPages })
  const { instance, module } = await api.instantiate(wasmBytes, { env: { memory } })
  const exports = asKernelExports(instance.exports)
  const heap = new WasmHeap(memory, exports.heapBase())
  const kernels: KernelSignatures = {
    gemm: wasmGemm(exports, heap),
    ...wasmColumns(exports, heap),
    ...wasmConv2d(exports, heap),
    ...wasmPool(exports, heap),
    ...wasmBias(exports, heap),
    ...wasmActivations(exports, heap),
    softmaxCrossEntropy: wasmSoftmaxCrossEntropy(exports, heap),
    sgdUpdate: wasmSgdUpdate(exports, heap),
    fill: wasmFill(exports, heap),
    squaredError: wasmSquaredError(exports, heap),
    adamUpdate: wasmAdamUpdate(exports, heap),
  }
  const backend = options.backend ?? WASM_BACKEND
  for (const name of Object.keys(kernels) as KernelName[]) {
    registerKernel(name, backend, kernels[name], { activate: options.activate ?? true })
  }
  // Over a shared memory, training arrays live in wasm memory (no copies per call): resident-allocator.ts
  const allocator = residentAllocator(heap)
  if (allocator) registerFloat32Allocator(backend, allocator, { activate: options.activate ?? true })
  return { backend, relaxedSimd: relaxed, kernels, heap, exports, module, memory }
}
