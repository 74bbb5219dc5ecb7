import { strFromU8 } from 'fflate'
import { NpyFormatError } from '../errors'
import { type NpyDtype, type ParsedDescr, descrOf, parseDescr } from './npy-dtype'
import { type PyValue, parsePyLiteral, pyRepr } from './py-literal'

/**
 * The NPY header (NumPy's format.py, versions 1.0, 2.0 and 3.0):
 *
 *   bytes 0–5   magic "\x93NUMPY"
 *   bytes 6–7   version major, minor (1.0, 2.0 or 3.0)
 *   then        header length HLEN: uint16 LE (1.0) or uint32 LE (2.0, 3.0)
 *   then        HLEN bytes: a Python dict literal, latin-1 (1.0, 2.0) or UTF-8 (3.0), e.g.
 *               {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
 *               padded with spaces and ended by '\n' so the data starts at a multiple of 64
 *   then        the data, prod(shape) items
 */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const // \x93NUMPY
const ALIGN = 64
/** NumPy leaves room to grow the first dimension in place: the header is padded for 21 digits. */
const GROWTH_AXIS_MAX_DIGITS = 21
/** NumPy 1.x arrays have at most 32 dimensions (2.x: 64); files written must open in both. */
const MAX_WRITE_DIMS = 32
/** The reader accepts what NumPy 2.x can write. */
const MAX_READ_DIMS = 64

export interface NpyHeader {
  readonly version: readonly [number, number]
  readonly descr: ParsedDescr
  readonly shape: number[]
  readonly fortranOrder: boolean
  /** Byte offset of the first data byte. */
  readonly dataOffset: number
}

export function hasNpyMagic(bytes: Uint8Array): boolean {
  return NPY_MAGIC.every((b, i) => bytes[i] === b)
}

/** Reads and checks the header; throws NpyFormatError on anything malformed or unsupported. */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  if (bytes.length < 10 || !hasNpyMagic(bytes)) {
    throw new NpyFormatError(
      `npy: not a NumPy .npy file (it must start with the bytes "\\x93NUMPY"; got ${bytes.length} bytes ` +
        `starting ${hexPrefix(bytes)})`,
    )
  }
  const major = bytes[6]!
  const minor = bytes[7]!
  if (major < 1 || major > 3 || minor !== 0) {
    throw new NpyFormatError(
      `npy: unsupported format version ${major}.${minor}; DL Lab reads 1.0, 2.0 and 3.0`,
    )
  }
  const lengthSize = major === 1 ? 2 : 4
  const start = 8 + lengthSize
  if (bytes.length < start) throw truncated('header length', start, bytes.length)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const dataOffset = start + headerLength
  if (bytes.length < dataOffset) throw truncated('header', dataOffset, bytes.length)
  const raw = bytes.subarray(start, dataOffset)
  const text = major === 3 ? strFromU8(raw) : latin1(raw)
  return { version: [major, minor], ...interpretHeader(parsePyLiteral(text)), dataOffset }
}

function interpretHeader(d: PyValue): Omit<NpyHeader, 'version' | 'dataOffset'> {
  if (d === null || typeof d !== 'object' || d.kind !== 'dict') {
    throw new NpyFormatError(`npy: the header is not a dict: ${pyRepr(d).slice(0, 80)}`)
  }
  const keys = [...d.entries.keys()]
  const expected = ['descr', 'fortran_order', 'shape']
  if (keys.length !== 3 || !expected.every((k) => d.entries.has(k))) {
    throw new NpyFormatError(
      "npy: the header must have exactly the keys 'descr', 'fortran_order' and 'shape'; " +
        `got ${keys.map(pyRepr).join(', ') || 'none'}`,
    )
  }
  const descr = d.entries.get('descr')!
  if (typeof descr !== 'string') {
    throw new NpyFormatError(
      `npy: structured dtypes are not supported (descr ${pyRepr(descr).slice(0, 80)}); ` +
        'save plain numeric arrays',
    )
  }
  const parsedDescr = parseDescr(descr)
  const fortranOrder = d.entries.get('fortran_order')!
  if (typeof fortranOrder !== 'boolean') {
    throw new NpyFormatError(`npy: 'fortran_order' must be True or False, got ${pyRepr(fortranOrder)}`)
  }
  return { descr: parsedDescr, shape: parseShape(d.entries.get('shape')!), fortranOrder }
}

function parseShape(v: PyValue): number[] {
  const bad = (why: string): NpyFormatError =>
    new NpyFormatError(`npy: invalid shape ${pyRepr(v).slice(0, 80)}: ${why}`)
  if (v === null || typeof v !== 'object' || v.kind !== 'tuple') throw bad('expected a tuple of integers')
  if (v.items.length > MAX_READ_DIMS)
    throw bad(`${v.items.length} dimensions (NumPy allows at most ${MAX_READ_DIMS})`)
  return v.items.map((d) => {
    if (typeof d !== 'bigint') throw bad('expected a tuple of integers')
    if (d < 0n) throw bad('dimensions must not be negative')
    if (d > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`dimension ${d} is too large`)
    return Number(d)
  })
}

/**
 * The header bytes NumPy's np.save writes for a C-order array: the same dict text, the same padding.
 * Always version 1.0: with at most 32 dimensions the header stays far below the 65535 bytes past
 * which NumPy switches to 2.0.
 */
export function writeNpyHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  if (shape.length > MAX_WRITE_DIMS) {
    throw new NpyFormatError(
      `writeNpy: ${shape.length} dimensions; NumPy 1.x reads at most ${MAX_WRITE_DIMS}, reshape the array`,
    )
  }
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
  let dict = `{'descr': '${descrOf(dtype)}', 'fortran_order': False, 'shape': ${shapeRepr}, }`
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length))
  const withNewline = dict.length + 1
  const headerLength = withNewline + ALIGN - ((10 + withNewline) % ALIGN)
  const out = new Uint8Array(10 + headerLength)
  out.set(NPY_MAGIC)
  out[6] = 1
  new DataView(out.buffer).setUint16(8, headerLength, true)
  const text = dict.padEnd(headerLength - 1, ' ') + '\n'
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i)
  return out
}

function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192))
  }
  return s
}

function hexPrefix(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ') || '(empty)'
}

export function truncated(what: string, needed: number | bigint, got: number): NpyFormatError {
  return new NpyFormatError(
    `npy: the file is truncated: the ${what} needs ${needed} bytes but the file has ${got}; ` +
      'the file was cut short (an interrupted copy or save?)',
  )
}
