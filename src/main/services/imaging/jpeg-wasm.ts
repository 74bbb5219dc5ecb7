/**
 * JPEG decoding in WebAssembly: the decoder of MozJPEG 3.3.1 (libjpeg-turbo's, built without SIMD and
 * without arithmetic decoding) as packaged by @jsquash/jpeg, called directly. A 28×28 JPEG costs
 * ~15 µs here against ~0.5–0.9 ms for a sharp call, whose cost is mostly per-call overhead.
 *
 * Exact: the same integer IDCT (islow) and fancy upsampling as the libjpeg-turbo inside sharp and
 * Pillow, checked byte for byte against Pillow's fixtures and against sharp on generated JPEGs
 * (jpeg-wasm.test.ts). It is used only where that holds and where it is the faster decoder:
 *   - Huffman-coded baseline, extended or progressive JPEG (SOF0, SOF1, SOF2), 8-bit samples;
 *   - 1 component (grey), or 3 with chroma sampling 4:4:4, 4:2:2 or 4:2:0 (libjpeg-turbo ≥ 2.0
 *     upsamples 4:4:0 and rarer layouts its own way) and not "RGB by component id" files;
 *   - at most JPEG_WASM_MAX_PIXELS pixels (beyond that sharp's SIMD decoder wins despite its overhead).
 * Anything else, and any file that fails or draws a libjpeg warning here (ends early, corrupt data),
 * is left to decodeImage (sharp), which gives Pillow's answer or the error: `decode` returns undefined.
 *
 * The Emscripten module exits (throws) on a libjpeg error without freeing what that decode
 * allocated, so after a failure its instance is dropped and a fresh one made (~2 ms). Its messages
 * (libjpeg warnings) are captured, never printed. Loading the module defines globalThis.ImageData when
 * missing (a plain data/width/height class: the module's C++ returns one).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Raster } from './raster'

/** Above this many pixels sharp decodes faster (measured: ~1 MP is where the two cross). */
export const JPEG_WASM_MAX_PIXELS = 512 * 1024

/** What this decoder is, for cache keys: a different decoder may give different bytes. */
export const JPEG_WASM_VERSION = '@jsquash/jpeg 1.6.0 (MozJPEG 3.3.1)'

/**
 * The parts of the WebAssembly JS API used here, typed locally: the Node-side tsconfig has neither the
 * DOM library nor Node types for `WebAssembly` (the engine's kernels/wasm/wasm-api.ts does the same).
 */
export interface WasmModule {
  readonly __wasmModule?: never
}
interface WasmInstance {
  readonly exports: unknown
}
type WasmImports = Record<string, Record<string, unknown>>
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>
  Instance: new (module: WasmModule, imports: WasmImports) => WasmInstance
}
const wasmApi = () => (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

interface ImageDataLike {
  readonly data: Uint8ClampedArray
  readonly width: number
  readonly height: number
}
interface MozJpegModule {
  decode(data: Uint8Array, preserveOrientation: boolean): ImageDataLike | null
}
type MozJpegFactory = (options: {
  noInitialRun: boolean
  instantiateWasm: (imports: WasmImports, done: (instance: WasmInstance) => void) => unknown
  print: (text: string) => void
  printErr: (text: string) => void
}) => Promise<MozJpegModule>

interface JpegFrame {
  readonly width: number
  readonly height: number
  readonly components: number
}

/** The first frame header, when the file is a JPEG this decoder handles exactly; else undefined. */
export function jpegWasmFrame(b: Uint8Array): JpegFrame | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1]
    if (marker === 0xff) {
      i++
      continue
    }
    if (marker === 0xda || marker === 0xd9) return undefined // scan or end before any frame
    const length = (b[i + 2] << 8) | b[i + 3]
    if (length < 2) return undefined
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return marker <= 0xc2 ? frameIfSupported(b, i + 4, length - 2) : undefined
    }
    i += 2 + length
  }
  return undefined
}

/** SOF payload: precision, height, width, components, then (id, sampling, table) per component. */
function frameIfSupported(b: Uint8Array, at: number, length: number): JpegFrame | undefined {
  if (at + length > b.length || length < 6) return undefined
  const precision = b[at]
  const height = (b[at + 1] << 8) | b[at + 2]
  const width = (b[at + 3] << 8) | b[at + 4]
  const components = b[at + 5]
  if (precision !== 8 || width === 0 || height === 0 || length < 6 + 3 * components) return undefined
  if (width * height > JPEG_WASM_MAX_PIXELS) return undefined
  if (components === 1) return { width, height, components }
  if (components !== 3) return undefined
  const id = (k: number) => b[at + 6 + 3 * k]
  const sampling = (k: number) => b[at + 7 + 3 * k]
  if (id(0) === 0x52 && id(1) === 0x47 && id(2) === 0x42) return undefined // 'R' 'G' 'B'
  if (sampling(1) !== 0x11 || sampling(2) !== 0x11) return undefined
  const luma = sampling(0)
  return luma === 0x11 || luma === 0x21 || luma === 0x22 ? { width, height, components } : undefined
}

/**
 * One decoder with its own WebAssembly instance. Not shared between threads: each worker makes its
 * own (the compiled module may be shared).
 */
export class JpegWasmDecoder {
  private instance: Promise<MozJpegModule> | undefined
  private messages: string[] = []

  private constructor(
    private readonly factory: MozJpegFactory,
    private readonly wasm: WasmModule,
  ) {}

  /** Loads the codec; pass a compiled module to skip compiling it again. */
  static async create(wasm?: WasmModule): Promise<JpegWasmDecoder> {
    const factory = (await import('@jsquash/jpeg/codec/dec/mozjpeg_dec.js')).default as unknown
    const decoder = new JpegWasmDecoder(factory as MozJpegFactory, wasm ?? (await compileJpegWasm()))
    await decoder.module()
    return decoder
  }

  private module(): Promise<MozJpegModule> {
    this.instance ??= this.factory({
      noInitialRun: true,
      instantiateWasm: (imports, done) => {
        const instance = new (wasmApi().Instance)(this.wasm, imports)
        done(instance)
        return instance.exports
      },
      print: (text) => this.messages.push(text),
      printErr: (text) => this.messages.push(text),
    })
    return this.instance
  }

  /**
   * Interleaved pixels (H, W, 1) or (H, W, 3) exactly as libjpeg-turbo gives them, or undefined when
   * this decoder does not take the file (see the header) or the data ends early or is damaged.
   */
  async decode(bytes: Uint8Array): Promise<Raster | undefined> {
    const frame = jpegWasmFrame(bytes)
    if (!frame) return undefined
    this.messages = []
    let image: ImageDataLike | null
    try {
      image = (await this.module()).decode(bytes, false)
    } catch {
      this.instance = undefined // failed to start or exited mid-decode: start afresh next time
      return undefined
    }
    // any libjpeg warning ("Premature end of JPEG file" when the data runs out, which Pillow calls
    // truncated; corrupt data, after which libjpeg prints no further warnings): sharp judges the file
    if (!image || this.messages.length > 0) return undefined
    const { width, height, data } = image
    if (width !== frame.width || height !== frame.height) return undefined
    const channels = frame.components
    const n = width * height
    const out = new Uint8Array(n * channels)
    if (channels === 1) {
      for (let i = 0; i < n; i++) out[i] = data[4 * i]
    } else {
      for (let i = 0, j = 0; i < n; i++, j += 3) {
        out[j] = data[4 * i]
        out[j + 1] = data[4 * i + 1]
        out[j + 2] = data[4 * i + 2]
      }
    }
    return { width, height, channels, data: out }
  }
}

/** Compiles the codec's WebAssembly from node_modules (no fetch: read from disk). */
export async function compileJpegWasm(): Promise<WasmModule> {
  const require = createRequire(import.meta.url)
  const path = require.resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm')
  return wasmApi().compile(await readFile(path))
}
