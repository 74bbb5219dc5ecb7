import { NpyFormatError, ShapeError } from '../errors'
import { fortranToC } from './fortran-order'
import {
  type NpyDataTypes,
  type NpyDtype,
  dtypeInfo,
  hostLittleEndian,
  npyDtypes,
  swapBytes,
} from './npy-dtype'
import { parseNpyHeader, truncated, writeNpyHeader } from './npy-header'

/**
 * NumPy .npy files ↔ typed arrays.
 *
 *   readNpy(bytes)  header (npy-header.ts) → item bytes copied out (so the result owns an aligned
 *                   buffer), byte-swapped if big-endian, reordered to row-major if Fortran-ordered
 *   writeNpy(array) the bytes np.save writes for the same C-order little-endian array
 *
 * The declared size is checked against the bytes present before anything is allocated, so a hostile
 * header such as shape (10⁹, 10⁹) costs nothing. Arrays read are always C order (`fortranOrder: false`).
 */
export type NpyArrayOf<D extends NpyDtype> = {
  readonly dtype: D
  readonly shape: number[]
  readonly data: NpyDataTypes[D]
  readonly fortranOrder: false
}
/** An array read from a .npy file: `dtype` tells which typed array `data` is. */
export type NpyArray = { [D in NpyDtype]: NpyArrayOf<D> }[NpyDtype]

/** What writeNpy accepts: row-major data of the typed array matching `dtype` (bool: 0/1 in a Uint8Array). */
export type NpyInput = {
  [D in NpyDtype]: { readonly dtype: D; readonly shape: readonly number[]; readonly data: NpyDataTypes[D] }
}[NpyDtype]

export function readNpy(bytes: Uint8Array): NpyArray {
  const header = parseNpyHeader(bytes)
  const { dtype, bigEndian } = header.descr
  const { itemSize, view } = dtypeInfo[dtype]
  const count = header.shape.reduce((n, d) => n * BigInt(d), 1n)
  const needed = count * BigInt(itemSize)
  const available = BigInt(bytes.length - header.dataOffset)
  if (needed > available) {
    throw truncated(
      `data of shape (${header.shape.join(', ')}) ${dtype}`,
      BigInt(header.dataOffset) + needed,
      bytes.length,
    )
  }
  if (needed < available) {
    throw new NpyFormatError(
      `npy: shape (${header.shape.join(', ')}) ${dtype} needs ${needed} data bytes but the file has ` +
        `${available}; the header does not match the data`,
    )
  }
  // A fresh, aligned copy: never bytes.slice, which on a Node Buffer shares memory instead of copying
  let raw = new Uint8Array(Number(needed))
  raw.set(bytes.subarray(header.dataOffset))
  if (bigEndian === hostLittleEndian) swapBytes(raw, itemSize)
  if (header.fortranOrder) raw = fortranToC(raw, header.shape, itemSize)
  if (dtype === 'bool') for (let i = 0; i < raw.length; i++) raw[i] = raw[i] ? 1 : 0
  const data = view(raw.buffer, Number(count))
  return { dtype, shape: header.shape, data, fortranOrder: false } as NpyArray
}

export function writeNpy(array: NpyInput): Uint8Array {
  const { dtype, shape, data } = array
  const info = npyDtypes.includes(dtype) ? dtypeInfo[dtype] : undefined
  if (!info) {
    throw new NpyFormatError(`writeNpy: unknown dtype '${String(dtype)}'; use one of ${npyDtypes.join(', ')}`)
  }
  if (!(data instanceof info.arrayType)) {
    throw new NpyFormatError(
      `writeNpy: dtype '${dtype}' needs a ${info.arrayType.name}, got ${describe(data)}`,
    )
  }
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError(`writeNpy: dimensions must be non-negative integers, got (${shape.join(', ')})`)
  }
  const count = shape.reduce((n, d) => n * d, 1)
  if (count !== data.length) {
    throw new ShapeError(
      `writeNpy: shape (${shape.join(', ')}) holds ${count} values but the data has ${data.length}`,
    )
  }
  const header = writeNpyHeader(dtype, shape)
  const out = new Uint8Array(header.length + data.byteLength)
  out.set(header)
  const body = out.subarray(header.length)
  body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  if (!hostLittleEndian) swapBytes(body, info.itemSize)
  if (dtype === 'bool') for (let i = 0; i < body.length; i++) body[i] = body[i] ? 1 : 0
  return out
}

/**
 * The values of any array as float32, for tensors. A float32 array's own data is returned (no copy);
 * other types are converted (rounded to the nearest float32; 64-bit integers via Number; bool → 0/1).
 */
export function toFloat32(array: NpyArray): Float32Array {
  if (array.dtype === 'float32') return array.data
  const out = new Float32Array(array.data.length)
  if (array.dtype === 'int64' || array.dtype === 'uint64') {
    for (let i = 0; i < out.length; i++) out[i] = Number(array.data[i]!)
  } else {
    out.set(array.data)
  }
  return out
}

function describe(data: unknown): string {
  if (data === null || typeof data !== 'object') return String(data)
  return (data as object).constructor?.name ?? 'an object'
}
