import { NpyFormatError } from '../errors'

/**
 * The NumPy dtypes DL Lab reads and writes, and how each maps to a JavaScript typed array.
 *
 *   NumPy descr              dtype      typed array
 *   '<f4' '>f4'              float32    Float32Array
 *   '<f8' '>f8'              float64    Float64Array
 *   '|i1' '<i2' '<i4' '<i8'  int8…int64 Int8Array, Int16Array, Int32Array, BigInt64Array
 *   '|u1' '<u2' '<u4' '<u8'  uint8…    Uint8Array, Uint16Array, Uint32Array, BigUint64Array
 *   '|b1'                    bool       Uint8Array holding 0 or 1
 *
 * 64-bit integers always come back as BigInt64Array / BigUint64Array: exact for every value, and the
 * type does not depend on the values in the file. `toFloat32` converts any of them for a tensor.
 * Multi-byte types may be little- ('<') or big-endian ('>'); big-endian data is byte-swapped on read.
 * Files are always written little-endian.
 */
export interface NpyDataTypes {
  float32: Float32Array
  float64: Float64Array
  int8: Int8Array
  int16: Int16Array
  int32: Int32Array
  int64: BigInt64Array
  uint8: Uint8Array
  uint16: Uint16Array
  uint32: Uint32Array
  uint64: BigUint64Array
  bool: Uint8Array
}

export type NpyDtype = keyof NpyDataTypes
export type NpyData = NpyDataTypes[NpyDtype]

interface DtypeInfo {
  /** NumPy type character: f (float), i (signed), u (unsigned), b (bool). */
  readonly kind: 'f' | 'i' | 'u' | 'b'
  readonly itemSize: number
  /** Builds the typed array over a whole buffer of `length` items. */
  readonly view: (buffer: ArrayBuffer, length: number) => NpyData
  /** The typed array class written data must be an instance of. */
  readonly arrayType: { readonly name: string; [Symbol.hasInstance](value: unknown): boolean }
}

export const dtypeInfo: Readonly<Record<NpyDtype, DtypeInfo>> = {
  float32: { kind: 'f', itemSize: 4, view: (b, n) => new Float32Array(b, 0, n), arrayType: Float32Array },
  float64: { kind: 'f', itemSize: 8, view: (b, n) => new Float64Array(b, 0, n), arrayType: Float64Array },
  int8: { kind: 'i', itemSize: 1, view: (b, n) => new Int8Array(b, 0, n), arrayType: Int8Array },
  int16: { kind: 'i', itemSize: 2, view: (b, n) => new Int16Array(b, 0, n), arrayType: Int16Array },
  int32: { kind: 'i', itemSize: 4, view: (b, n) => new Int32Array(b, 0, n), arrayType: Int32Array },
  int64: { kind: 'i', itemSize: 8, view: (b, n) => new BigInt64Array(b, 0, n), arrayType: BigInt64Array },
  uint8: { kind: 'u', itemSize: 1, view: (b, n) => new Uint8Array(b, 0, n), arrayType: Uint8Array },
  uint16: { kind: 'u', itemSize: 2, view: (b, n) => new Uint16Array(b, 0, n), arrayType: Uint16Array },
  uint32: { kind: 'u', itemSize: 4, view: (b, n) => new Uint32Array(b, 0, n), arrayType: Uint32Array },
  uint64: { kind: 'u', itemSize: 8, view: (b, n) => new BigUint64Array(b, 0, n), arrayType: BigUint64Array },
  bool: { kind: 'b', itemSize: 1, view: (b, n) => new Uint8Array(b, 0, n), arrayType: Uint8Array },
}

export const npyDtypes = Object.keys(dtypeInfo) as NpyDtype[]

/** A dtype as found in a file header: which one, and whether its bytes are big-endian. */
export interface ParsedDescr {
  readonly dtype: NpyDtype
  readonly bigEndian: boolean
}

const byCharSize = new Map<string, NpyDtype>(
  npyDtypes.map((d) => [dtypeInfo[d].kind + dtypeInfo[d].itemSize, d]),
)

const SUPPORTED = "'<f4' '<f8' '|i1' '<i2' '<i4' '<i8' '|u1' '<u2' '<u4' '<u8' '|b1' (and '>' big-endian)"

/** Parses a header 'descr' string such as '<f4'; refuses object (pickled) and unsupported dtypes. */
export function parseDescr(descr: string): ParsedDescr {
  if (/^[<>|=]?O\d*$/.test(descr)) {
    throw new NpyFormatError(
      `npy: the array contains pickled Python objects (dtype '${descr}'); DL Lab never unpickles: ` +
        'save plain numeric arrays (np.savez with float/int arrays)',
    )
  }
  const m = /^([<>|]?)([fiub])(\d{1,2})$/.exec(descr)
  const dtype = m ? byCharSize.get(m[2]! + m[3]!) : undefined
  if (!m || dtype === undefined) {
    throw new NpyFormatError(`npy: unsupported dtype '${descr}'; DL Lab reads ${SUPPORTED}`)
  }
  const order = m[1]!
  const size = dtypeInfo[dtype].itemSize
  if (size > 1 && order !== '<' && order !== '>') {
    throw new NpyFormatError(`npy: dtype '${descr}' has no byte order; expected '<${descr.slice(-2)}'`)
  }
  return { dtype, bigEndian: order === '>' && size > 1 }
}

/** The descr DL Lab writes for a dtype: little-endian, '|' for one-byte types, as NumPy writes it. */
export function descrOf(dtype: NpyDtype): string {
  const { kind, itemSize } = dtypeInfo[dtype]
  return `${itemSize === 1 ? '|' : '<'}${kind}${itemSize}`
}

/** True when this machine stores numbers little-endian (every platform DL Lab ships on). */
export const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** Reverses the bytes of every `itemSize`-byte item in place. */
export function swapBytes(bytes: Uint8Array, itemSize: number): void {
  if (itemSize === 1) return
  for (let i = 0; i < bytes.length; i += itemSize) {
    for (let a = i, b = i + itemSize - 1; a < b; a++, b--) {
      const t = bytes[a]!
      bytes[a] = bytes[b]!
      bytes[b] = t
    }
  }
}
