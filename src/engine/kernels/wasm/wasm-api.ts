/**
 * The few parts of the WebAssembly JS API the backend uses, typed here because the engine compiles
 * without DOM or Node type libraries (tsconfig.engine.json), where `WebAssembly` is not declared.
 * Every host the engine runs in (Node, Electron's renderer and utility processes, browsers) has the
 * global; it is reached through globalThis so no ambient declaration can clash with the DOM's or
 * Node's when other projects type-check these files.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
  /** Grows by `pages` of 64 KiB; returns the old size in pages. Detaches the old buffer (unshared). */
  grow(pages: number): number
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>
}

/** A compiled module: opaque here; posted to worker threads, which instantiate it over the same memory. */
export type WasmModule = object

interface WasmApi {
  validate(bytes: Uint8Array): boolean
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: WasmInstance; module: WasmModule }>
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory
}

export const WASM_PAGE_BYTES = 65536

export function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly
}

/**
 * The smallest module using f32x4.relaxed_madd: (func (result v128) (f32x4.relaxed_madd (v128.const
 * 0) (v128.const 0) (v128.const 0))). A runtime that validates it runs the relaxed-SIMD build.
 */
// prettier-ignore
const RELAXED_PROBE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: one type, func () → v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x3d, 0x01, 0x3b, 0x00, // code section: one body of 59 bytes, no locals
  ...[0, 1, 2].flatMap(() => [0xfd, 0x0c, ...new Array<number>(16).fill(0)]), // three v128.const 0
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd (SIMD opcode 0x105, LEB128)
  0x0b, // end
])

/** SIMD probe: (func (result v128) (v128.const 0)). */
// prettier-ignore
const SIMD_PROBE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, // code section: one body of 20 bytes
  0xfd, 0x0c, ...new Array<number>(16).fill(0), // v128.const 0
  0x0b,
])

/** Whether this runtime has WebAssembly with 128-bit SIMD (every supported host does). */
export function simdSupported(): boolean {
  return wasmApi()?.validate(SIMD_PROBE) ?? false
}

/**
 * Whether this runtime runs relaxed SIMD: Chromium (Electron) does; Node 20 only when started with
 * --experimental-wasm-relaxed-simd (a worker can be forked with that execArgv).
 */
export function relaxedSimdSupported(): boolean {
  return wasmApi()?.validate(RELAXED_PROBE) ?? false
}
