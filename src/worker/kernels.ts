import { loadWasmKernels } from './load-wasm-kernels'

/**
 * The training worker's kernels: the WebAssembly SIMD build (build/wasm, made by
 * `node scripts/build-wasm.mjs`) when it loads, else the JS reference kernels, which are always there.
 * Loaded once per process. Both give the same results within the kernels' tested tolerances; a run
 * and its resumption on the same machine use the same build, so a resumed run stays bit-identical.
 */
export type KernelChoice = 'wasm' | 'js'
export type ActiveKernels = 'wasm-simd' | 'wasm-relaxed-simd' | 'js'

let active: Promise<{ kernels: ActiveKernels; note?: string }> | undefined

export function activateKernels(
  choice: KernelChoice = 'wasm',
): Promise<{ kernels: ActiveKernels; note?: string }> {
  if (choice === 'js') return Promise.resolve({ kernels: 'js' })
  active ??= loadWasmKernels().then(
    (backend) => ({ kernels: backend.relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd' }),
    (error: unknown) => ({ kernels: 'js', note: error instanceof Error ? error.message : String(error) }),
  )
  return active
}
