/**
 * Where the engine's long-lived training arrays live: parameters W and ∂W, the layers' reused
 * outputs and ∂x buffers, optimizer state, minibatch and loss-gradient buffers. By default they are
 * plain `new Float32Array(n)`. A kernel backend with its own memory can register an allocator whose
 * arrays are views on that memory (the WebAssembly backend over a shared memory: views on the wasm
 * heap, src/engine/kernels/wasm/resident-allocator.ts), so its kernels read and write them in place
 * instead of copying them in and out on every call.
 *
 * Allocators are registered per backend, like kernels; `useFloat32Allocator(backend)` (called by the
 * kernel registry's useBackend) makes that backend's allocator the active one, or the plain one when
 * it has none. Arrays allocated earlier stay valid whatever is active later: they are ordinary
 * Float32Arrays to every other piece of code. Inference outputs stay plain arrays (they are handed to
 * callers, who may keep or send them anywhere).
 */
export type Float32Allocator = (n: number) => Float32Array

const allocators = new Map<string, Float32Allocator>()
let active: Float32Allocator | undefined

/** Registers `backend`'s allocator; `activate` (default true) makes it the active one now. */
export function registerFloat32Allocator(
  backend: string,
  allocator: Float32Allocator,
  options: { activate?: boolean } = {},
): void {
  allocators.set(backend, allocator)
  if (options.activate ?? true) active = allocator
}

/** Makes `backend`'s allocator active; a backend without one (the JS reference) gets plain arrays. */
export function useFloat32Allocator(backend: string): void {
  active = allocators.get(backend)
}

/** n zeros from the active allocator (a plain Float32Array when none is registered). */
export function allocFloat32(n: number): Float32Array {
  return active ? active(n) : new Float32Array(n)
}
