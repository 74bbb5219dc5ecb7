/**
 * IDX files (LeCun's MNIST format), raw or gzip-compressed.
 *
 * Layout, all integers big-endian:
 *   bytes 0–1  zero
 *   byte  2    data type: 0x08 ubyte, 0x09 byte, 0x0B short (2), 0x0C int (4), 0x0D float (4),
 *              0x0E double (8)
 *   byte  3    number of dimensions d
 *   4·d bytes  the sizes, uint32 each (MNIST images: 0x00000803, N, 28, 28)
 *   then N₁·…·N_d values, row-major.
 * The header is checked against the real length before anything is allocated, so a bogus header
 * cannot make us allocate gigabytes; a gzip stream is never inflated past what its header declares.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'

export type IdxType = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double'
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array

export interface IdxArray {
  readonly type: IdxType
  readonly dims: readonly number[]
  /** Row-major values; for ubyte a view into the file's bytes. */
  readonly data: IdxData
}

/** The file is not IDX, is truncated or has extra bytes, or is larger than allowed. */
export class IdxFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** Default ceiling on the data an IDX header may declare (EMNIST's largest file is ~550 MB). */
export const IDX_MAX_BYTES = 2 ** 31 - 1

const TYPES: Record<number, { type: IdxType; size: number }> = {
  0x08: { type: 'ubyte', size: 1 },
  0x09: { type: 'byte', size: 1 },
  0x0b: { type: 'short', size: 2 },
  0x0c: { type: 'int', size: 4 },
  0x0d: { type: 'float', size: 4 },
  0x0e: { type: 'double', size: 8 },
}

interface IdxHeader {
  type: IdxType
  size: number
  dims: number[]
  headerBytes: number
  /** header + data */
  totalBytes: number
}

/**
 * Parse the header from the first bytes; undefined if more bytes are needed to see all of it.
 * Throws for anything that cannot be IDX or declares more than maxBytes.
 */
function parseHeader(b: Uint8Array, name: string, maxBytes: number): IdxHeader | undefined {
  if (b.length < 4) return undefined
  if (b[0] !== 0 || b[1] !== 0) {
    const got = Array.from(b.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ')
    throw new IdxFormatError(`${name}: not an IDX file (the magic number must start with 00 00, got ${got})`)
  }
  const t = TYPES[b[2]]
  if (!t) {
    throw new IdxFormatError(
      `${name}: unknown IDX data type 0x${b[2].toString(16).padStart(2, '0')} ` +
        '(expected 08 ubyte, 09 byte, 0B short, 0C int, 0D float or 0E double)',
    )
  }
  const ndims = b[3]
  if (ndims === 0) throw new IdxFormatError(`${name}: the IDX header declares no dimensions`)
  const headerBytes = 4 + 4 * ndims
  if (b.length < headerBytes) return undefined
  const view = new DataView(b.buffer, b.byteOffset, headerBytes)
  const dims: number[] = []
  let count = 1
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i)
    dims.push(d)
    count *= d
    if (count * t.size > maxBytes) {
      throw new IdxFormatError(
        `${name}: the IDX header declares dimensions ${dims.join('×')}${i < ndims - 1 ? '×…' : ''} of ` +
          `${t.type}, more than the ${maxBytes}-byte limit; the file is damaged or not IDX`,
      )
    }
  }
  return { type: t.type, size: t.size, dims, headerBytes, totalBytes: headerBytes + count * t.size }
}

/** Parse a whole (uncompressed) IDX file held in memory. */
export function parseIdx(bytes: Uint8Array, name = 'IDX data', maxBytes = IDX_MAX_BYTES): IdxArray {
  const h = parseHeader(bytes, name, maxBytes)
  if (!h) {
    throw new IdxFormatError(`${name}: truncated IDX header (${bytes.length} bytes)`)
  }
  if (bytes.length !== h.totalBytes) throw sizeMismatch(name, h, bytes.length)
  return { type: h.type, dims: h.dims, data: typedData(bytes.subarray(h.headerBytes), h) }
}

function sizeMismatch(name: string, h: IdxHeader, length: number): IdxFormatError {
  const what = length < h.totalBytes ? 'is truncated' : 'has extra bytes'
  return new IdxFormatError(
    `${name}: ${what}: the header declares ${h.dims.join('×')} ${h.type} values = ` +
      `${h.totalBytes - h.headerBytes} bytes of data, the file has ${length - h.headerBytes}`,
  )
}

function typedData(raw: Uint8Array, h: IdxHeader): IdxData {
  const n = raw.length / h.size
  switch (h.type) {
    case 'ubyte':
      return raw
    case 'byte':
      return new Int8Array(raw.buffer, raw.byteOffset, n)
  }
  // multi-byte values are big-endian: read through a DataView into native order
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length)
  if (h.type === 'short') return Int16Array.from({ length: n }, (_, i) => view.getInt16(2 * i))
  if (h.type === 'int') return Int32Array.from({ length: n }, (_, i) => view.getInt32(4 * i))
  if (h.type === 'float') return Float32Array.from({ length: n }, (_, i) => view.getFloat32(4 * i))
  return Float64Array.from({ length: n }, (_, i) => view.getFloat64(8 * i))
}

/** Read an IDX file from disk; gzip-compressed files (by their 1F 8B magic) are inflated. */
export async function readIdxFile(path: string, maxBytes = IDX_MAX_BYTES): Promise<IdxArray> {
  const file = await open(path, 'r')
  try {
    const size = (await file.stat()).size
    const head = new Uint8Array(Math.min(size, 4 + 4 * 255))
    const headLength = (await file.read(head, 0, head.length, 0)).bytesRead
    if (headLength >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      return parseIdx(await gunzipIdx(path, maxBytes), path, maxBytes)
    }
    // judge the header against the file size before reading (and allocating) the data
    const h = parseHeader(head.subarray(0, headLength), path, maxBytes)
    if (!h) throw new IdxFormatError(`${path}: truncated IDX header (${size} bytes)`)
    if (h.totalBytes !== size) throw sizeMismatch(path, h, size)
    const all = new Uint8Array(size)
    let off = 0
    while (off < size) {
      const { bytesRead } = await file.read(all, off, size - off, off)
      if (bytesRead === 0) break
      off += bytesRead
    }
    return parseIdx(all.subarray(0, off), path, maxBytes)
  } finally {
    await file.close()
  }
}

/** Inflate a gzip stream, stopping with an error as soon as it outgrows its IDX header. */
async function gunzipIdx(path: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let total = 0
  let header: IdxHeader | undefined
  const gunzip = createReadStream(path).pipe(createGunzip())
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      total += chunk.length
      if (!header) header = parseHeader(Buffer.concat(chunks), path, maxBytes)
      if (header && total > header.totalBytes) {
        throw new IdxFormatError(
          `${path}: has extra bytes: the header declares ${header.totalBytes} bytes in all, ` +
            'the gzip stream holds more',
        )
      }
    }
  } catch (e) {
    if (e instanceof IdxFormatError) throw e
    throw new IdxFormatError(`${path}: the gzip stream is damaged (${(e as Error).message})`)
  } finally {
    gunzip.destroy()
  }
  const out = Buffer.concat(chunks, total)
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}
