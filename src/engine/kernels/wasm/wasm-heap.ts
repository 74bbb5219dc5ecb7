import { EngineError } from '../../errors'
import { WASM_PAGE_BYTES, type WasmMemory } from './wasm-api'

/**
 * How tensors meet the WebAssembly kernels. The kernels see one linear memory:
 *
 *   0 … base             the module's static data (constant tables: the float32 exp and tanh
 *                        coefficients, AssemblyScript's float64 exp/log/pow tables)
 *   base … top           RESIDENT arrays: allocFloat32(n) hands out Float32Array views of this
 *                        region, kept until resetAllocations(). A kernel given such an array reads
 *                        and writes it in place: no copy at all.
 *   top … top + scratch  per-call SCRATCH: every argument that is not resident is copied in here
 *                        (outputs only when the kernel accumulates into them), the kernel runs, and
 *                        outputs are copied back. The region is reused by every call (no allocation
 *                        in the steady state), and workspaces (GEMM's packed panels) live here too.
 *
 * An array is resident when `array.buffer === memory.buffer`; any other Float32Array (the engine's
 * tensors today) takes the copy path. Copying costs O(size) per call against GEMM's O(m·n·k), which
 * dominates at batch sizes ≥ 16; for the small per-sample products the copies are measurable (see
 * bench/gemm-wasm.ts), which is what resident tensors remove.
 *
 * Growth: memory grows (64 KiB pages) when allocations or a call's scratch need more. Growing an
 * unshared memory DETACHES every view of the old buffer, so while resident arrays exist the heap
 * refuses to grow (an EngineError naming the fix): reserve() the peak first — resident bytes plus
 * the largest call's scratch. Without resident arrays (the copy path) it grows freely. A shared
 * memory (the worker-thread builds: new WebAssembly.Memory({ shared: true, maximum }) and the kernels
 * built with --enable threads --sharedMemory) never detaches, and then grows freely too; its `buffer`
 * is then a new, longer SharedArrayBuffer over the same bytes, so views made before the growth stay
 * valid and still count as resident (the heap remembers the buffers it has had).
 */
const ALIGN = 64 // bytes: a cache line, so a region never shares a line with its neighbour

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN
}

type Buffer32 = Float32Array | Int32Array

export class WasmHeap {
  readonly memory: WasmMemory
  private f32: Float32Array
  private i32: Int32Array
  /** memory.buffer as of the last growth (the getter is slow on a shared memory; only ensure() grows it). */
  private buffer: ArrayBuffer
  private readonly base: number
  private top: number
  private cursor = 0
  /** A shared memory's earlier buffers (same bytes, shorter): their views are still resident. */
  private readonly earlierBuffers = new WeakSet<object>()
  /** Released resident blocks by size in bytes: their start offsets. */
  private readonly freeBlocks = new Map<number, number[]>()
  private epoch = 0

  constructor(memory: WasmMemory, heapBase: number) {
    this.memory = memory
    this.base = alignUp(heapBase)
    this.top = this.base
    this.buffer = memory.buffer
    this.f32 = new Float32Array(this.buffer)
    this.i32 = new Int32Array(this.buffer)
  }

  /** Bytes of memory now (resident allocations + the largest scratch so far + static data). */
  get byteLength(): number {
    return this.memory.buffer.byteLength
  }

  /** Bytes held by resident allocations. */
  get allocatedBytes(): number {
    return this.top - this.base
  }

  /**
   * Grows the memory now so that `bytes` beyond the resident arrays (further allocations plus the
   * largest call's scratch) need no growth later. Call it before the first allocFloat32.
   */
  reserve(bytes: number): void {
    this.ensure(this.top + bytes)
  }

  /** A Float32Array of n zeros in wasm memory: kernels use it in place (see the class comment). */
  allocFloat32(n: number): Float32Array {
    if (!Number.isInteger(n) || n < 0) {
      throw new EngineError(`wasm heap: allocFloat32 needs a whole number of values, got ${n}`)
    }
    const bytes = alignUp(n * 4)
    let start = this.freeBlocks.get(bytes)?.pop()
    if (start === undefined) {
      start = this.top
      this.ensure(start + bytes)
      this.top = start + bytes
    }
    const view = new Float32Array(this.buffer, start, n)
    view.fill(0) // scratch of an earlier call, or the block's earlier owner, may have used these bytes
    return view
  }

  /**
   * Hands back the block of an allocFloat32(n) view at byte offset `start` that is no longer used
   * (resident-allocator.ts calls it when the view is garbage-collected): the next allocation of the
   * same size takes it. Blocks are never merged: training allocates the same few sizes again.
   * `epoch` is `allocationEpoch` when the view was allocated: a block from before a
   * resetAllocations() is ignored (its bytes may belong to a newer array by now).
   */
  releaseFloat32(start: number, n: number, epoch: number): void {
    if (epoch !== this.epoch) return
    const bytes = alignUp(n * 4)
    const list = this.freeBlocks.get(bytes)
    if (list) list.push(start)
    else this.freeBlocks.set(bytes, [start])
  }

  /** Frees every resident array at once (their views must no longer be used). */
  resetAllocations(): void {
    this.top = this.base
    this.freeBlocks.clear()
    this.epoch++
  }

  /** Counts resetAllocations() calls (see releaseFloat32). */
  get allocationEpoch(): number {
    return this.epoch
  }

  /** A shared memory: growing never detaches its views, so resident arrays are safe at any size. */
  get growsInPlace(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.buffer instanceof SharedArrayBuffer
  }

  isResident(array: Buffer32): boolean {
    return array.buffer === this.buffer || this.earlierBuffers.has(array.buffer)
  }

  // ---- the per-call protocol used by the kernel wrappers -------------------------------------
  // 1. bytes = Σ need(array, count) + workspace;  2. begin(bytes);  3. input/output/scratch in any
  // order;  4. the kernel;  5. copyOut for each output. Pointers are byte offsets.

  /** Scratch bytes an argument of `count` values takes: 0 when resident. */
  need(array: Buffer32, count: number): number {
    return this.isResident(array) ? 0 : alignUp(count * 4)
  }

  /** Starts a call needing `bytes` of scratch. May grow the memory (and so detach resident views). */
  begin(bytes: number): void {
    this.ensure(this.top + bytes)
    this.cursor = this.top
  }

  /** Pointer to values start … start+count of an input, copying them in unless resident. */
  input(array: Buffer32, count: number, start = 0): number {
    if (this.isResident(array)) return array.byteOffset + start * 4
    const at = this.take(count * 4)
    this.copyIn(array, at, count, start)
    return at
  }

  /**
   * Pointer for an output of `count` values at `start`. Copied in first only when the kernel reads
   * it (accumulating kernels: C += …, dx += …); a written-only output starts as garbage scratch.
   */
  output(array: Buffer32, count: number, readsIt: boolean, start = 0): number {
    if (this.isResident(array)) return array.byteOffset + start * 4
    const at = this.take(count * 4)
    if (readsIt) this.copyIn(array, at, count, start)
    return at
  }

  /** Pointer to `bytes` of scratch workspace. */
  scratch(bytes: number): number {
    return this.take(bytes)
  }

  /** Copies an output's values back from scratch (nothing to do when resident). */
  copyOut(array: Buffer32, at: number, count: number, start = 0): void {
    if (this.isResident(array) || count === 0) return
    const from = at >> 2
    if (array instanceof Int32Array) array.set(this.i32.subarray(from, from + count), start)
    else array.set(this.f32.subarray(from, from + count), start)
  }

  private copyIn(array: Buffer32, at: number, count: number, start: number): void {
    if (count === 0) return
    const source = start === 0 && array.length === count ? array : array.subarray(start, start + count)
    if (array instanceof Int32Array) this.i32.set(source, at >> 2)
    else this.f32.set(source, at >> 2)
  }

  private take(bytes: number): number {
    const at = this.cursor
    this.cursor += alignUp(bytes)
    return at
  }

  private ensure(end: number): void {
    const have = this.buffer.byteLength
    if (end <= have) return
    const shared = this.growsInPlace
    if (this.top > this.base && !shared) {
      throw new EngineError(
        `wasm heap: needs ${end} bytes of memory but has ${have}, and growing would detach the ` +
          `${this.top - this.base} bytes of resident arrays; call reserve(bytes) with the peak ` +
          `scratch before allocFloat32, or resetAllocations() first`,
      )
    }
    if (shared) this.earlierBuffers.add(this.buffer)
    this.memory.grow(Math.ceil((end - have) / WASM_PAGE_BYTES))
    this.buffer = this.memory.buffer
    this.f32 = new Float32Array(this.buffer)
    this.i32 = new Int32Array(this.buffer)
  }
}
