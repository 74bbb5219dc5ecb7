import type { Float32Allocator } from '../../tensor/float32-allocator'
import type { WasmHeap } from './wasm-heap'

/**
 * The WebAssembly backend's Float32Allocator (tensor/float32-allocator.ts): the engine's long-lived
 * training arrays (W, ∂W, optimizer state, layer outputs and ∂x, batch buffers) become views on the
 * wasm heap's resident region, so every kernel gets them as pointers and copies nothing.
 *
 * Only over a SHARED memory (heap.growsInPlace): growing it never detaches a view. On an unshared
 * memory a later growth (a bigger batch's scratch) would detach every resident view, so there is no
 * allocator (undefined) and arrays stay plain, taking the copy path.
 *
 * Recycling: when a view is garbage-collected (a model or optimizer dropped, a buffer resized) its
 * block goes back to the heap for the next allocation of the same size, so building models again and
 * again in one process does not grow the memory without bound.
 */
interface Block {
  start: number
  n: number
  epoch: number
}

export function residentAllocator(heap: WasmHeap): Float32Allocator | undefined {
  if (!heap.growsInPlace) return undefined
  const registry = new FinalizationRegistry<Block>((b) => heap.releaseFloat32(b.start, b.n, b.epoch))
  return (n) => {
    const view = heap.allocFloat32(n)
    registry.register(view, { start: view.byteOffset, n, epoch: heap.allocationEpoch })
    return view
  }
}
