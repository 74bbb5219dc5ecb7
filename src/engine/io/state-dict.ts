import { strFromU8, strToU8 } from 'fflate'
import { NpyFormatError, ShapeError } from '../errors'
import { type NpyArray, type NpyInput, toFloat32 } from './npy'
import { type ReadNpzOptions, type WriteNpzOptions, readNpz, writeNpz } from './npz'

/**
 * State dicts (named float32 tensors: weights, optimizer buffers) ↔ .npz files NumPy can open.
 *
 *   stateDictToNpz({ 'fc1.W': …, 'opt.fc1.W.momentum': … }, meta)
 *     → one float32 array per name, the name verbatim as the npz key, and `meta` (any JSON value:
 *       step, RNG state, data cursor, model spec…) as UTF-8 JSON bytes in a uint8 array '__meta__'.
 *       In Python: w = np.load(f)['fc1.W'];  meta = json.loads(np.load(f)['__meta__'].tobytes())
 *   npzToStateDict(bytes) → the same tensors (any numeric dtype converted to float32) and meta.
 *
 * The lecture's layer files, np.savez(file, w=W, b=b) with float64 W (inputs × units) and b (units,),
 * are read by lectureLayerFromNpz and written (float64, so the lecture's Load reads them unchanged)
 * by lectureLayerToNpz.
 */
export interface StateTensor {
  readonly shape: readonly number[]
  readonly data: Float32Array
}
export type StateDict = Record<string, StateTensor>
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** The npz key holding the JSON metadata; no tensor may use it. */
export const STATE_DICT_META_KEY = '__meta__'

export interface LoadedStateDict {
  readonly tensors: StateDict
  /** The JSON value saved with the tensors, or undefined when none was. */
  readonly meta: JsonValue | undefined
}

export function stateDictToNpz(
  dict: Readonly<StateDict>,
  meta?: JsonValue,
  options: WriteNpzOptions = {},
): Uint8Array {
  if (Object.hasOwn(dict, STATE_DICT_META_KEY)) {
    throw new NpyFormatError(
      `stateDictToNpz: '${STATE_DICT_META_KEY}' is reserved for the metadata; rename that tensor`,
    )
  }
  const record: Record<string, NpyInput> = {}
  for (const [name, t] of Object.entries(dict)) {
    Object.defineProperty(record, name, {
      value: { dtype: 'float32', shape: t.shape, data: t.data },
      enumerable: true,
    })
  }
  if (meta !== undefined) {
    const json = strToU8(JSON.stringify(meta))
    record[STATE_DICT_META_KEY] = { dtype: 'uint8', shape: [json.length], data: json }
  }
  return writeNpz(record, options)
}

export function npzToStateDict(bytes: Uint8Array, options: ReadNpzOptions = {}): LoadedStateDict {
  const arrays = readNpz(bytes, options)
  const tensors: StateDict = {}
  let meta: JsonValue | undefined
  for (const [name, array] of Object.entries(arrays)) {
    if (name === STATE_DICT_META_KEY) {
      meta = parseMeta(array)
      continue
    }
    Object.defineProperty(tensors, name, {
      value: { shape: array.shape, data: toFloat32(array) },
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return { tensors, meta }
}

function parseMeta(array: NpyArray): JsonValue {
  if (array.dtype !== 'uint8' || array.shape.length !== 1) {
    throw new NpyFormatError(
      `npz: '${STATE_DICT_META_KEY}' must be a 1-D uint8 array of UTF-8 JSON, got ${array.dtype} ` +
        `of shape (${array.shape.join(', ')})`,
    )
  }
  try {
    return JSON.parse(strFromU8(array.data)) as JsonValue
  } catch (e) {
    throw new NpyFormatError(`npz: '${STATE_DICT_META_KEY}' is not valid JSON: ${(e as Error).message}`)
  }
}

/** One layer of the lecture's network: W (inputs × units) and b (units), as its Save/Load use. */
export interface LectureLayer {
  readonly w: StateTensor
  readonly b: StateTensor
}

/** Reads np.savez(file, w=W, b=b): W 2-D, b of shape (units,) or (1, units); returned b is (units,). */
export function lectureLayerFromNpz(bytes: Uint8Array): LectureLayer {
  const arrays = readNpz(bytes)
  const keys = Object.keys(arrays).sort()
  if (keys.length !== 2 || keys[0] !== 'b' || keys[1] !== 'w') {
    throw new NpyFormatError(
      `lecture layer file: expected exactly the arrays 'w' and 'b' (np.savez(file, w=W, b=b)), ` +
        `got ${keys.map((k) => `'${k}'`).join(', ') || 'none'}`,
    )
  }
  const w = arrays['w']!
  const b = arrays['b']!
  for (const [key, a] of [['w', w] as const, ['b', b] as const]) {
    if (a.dtype !== 'float64' && a.dtype !== 'float32') {
      throw new NpyFormatError(`lecture layer file: '${key}' must hold floats, got dtype ${a.dtype}`)
    }
  }
  const units = w.shape[1]
  const bOk = b.shape.length === 1 || (b.shape.length === 2 && b.shape[0] === 1)
  if (w.shape.length !== 2 || !bOk || b.shape[b.shape.length - 1] !== units) {
    throw new ShapeError(
      `lecture layer file: expected w of shape (inputs, units) and b of shape (units,); ` +
        `got w (${w.shape.join(', ')}) and b (${b.shape.join(', ')})`,
    )
  }
  return {
    w: { shape: w.shape, data: toFloat32(w) },
    b: { shape: [units!], data: toFloat32(b) },
  }
}

/** Writes np.savez(file, w=W, b=b) with float64 arrays, exactly what the lecture's Save produces. */
export function lectureLayerToNpz(layer: LectureLayer): Uint8Array {
  const { w, b } = layer
  if (w.shape.length !== 2 || b.shape.length !== 1 || b.shape[0] !== w.shape[1]) {
    throw new ShapeError(
      `lectureLayerToNpz: expected w of shape (inputs, units) and b of shape (units,); ` +
        `got w (${w.shape.join(', ')}) and b (${b.shape.join(', ')})`,
    )
  }
  return writeNpz({
    w: { dtype: 'float64', shape: w.shape, data: Float64Array.from(w.data) },
    b: { dtype: 'float64', shape: b.shape, data: Float64Array.from(b.data) },
  })
}
