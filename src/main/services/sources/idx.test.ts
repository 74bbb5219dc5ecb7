import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IdxFormatError, parseIdx, readIdxFile } from './idx'

/** An IDX file: 00 00 type ndims, big-endian uint32 dims, then the big-endian payload. */
function idx(typeCode: number, dims: number[], payload: Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(4 + 4 * dims.length))
  head.setUint8(2, typeCode)
  head.setUint8(3, dims.length)
  dims.forEach((d, i) => head.setUint32(4 + 4 * i, d))
  const out = new Uint8Array(head.byteLength + payload.length)
  out.set(new Uint8Array(head.buffer))
  out.set(payload, head.byteLength)
  return out
}

function bigEndian(
  size: number,
  values: number[],
  put: (v: DataView, o: number, x: number) => void,
): Uint8Array {
  const v = new DataView(new ArrayBuffer(size * values.length))
  values.forEach((x, i) => put(v, size * i, x))
  return new Uint8Array(v.buffer)
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-idx-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('parseIdx', () => {
  it('reads every element type, big-endian, with its dims', () => {
    const u8 = parseIdx(idx(0x08, [2, 3], Uint8Array.of(0, 1, 2, 253, 254, 255)))
    expect([u8.type, u8.dims, Array.from(u8.data)]).toEqual(['ubyte', [2, 3], [0, 1, 2, 253, 254, 255]])
    const i8 = parseIdx(idx(0x09, [3], Uint8Array.of(0x80, 0xff, 0x7f)))
    expect([i8.type, Array.from(i8.data)]).toEqual(['byte', [-128, -1, 127]])
    const i16 = parseIdx(
      idx(
        0x0b,
        [2],
        bigEndian(2, [-2, 1000], (v, o, x) => v.setInt16(o, x)),
      ),
    )
    expect([i16.type, Array.from(i16.data)]).toEqual(['short', [-2, 1000]])
    const i32 = parseIdx(
      idx(
        0x0c,
        [1, 2],
        bigEndian(4, [-70000, 2 ** 31 - 1], (v, o, x) => v.setInt32(o, x)),
      ),
    )
    expect([i32.type, Array.from(i32.data)]).toEqual(['int', [-70000, 2147483647]])
    const f32 = parseIdx(
      idx(
        0x0d,
        [2],
        bigEndian(4, [0.5, -3.25], (v, o, x) => v.setFloat32(o, x)),
      ),
    )
    expect([f32.type, Array.from(f32.data)]).toEqual(['float', [0.5, -3.25]])
    const f64 = parseIdx(
      idx(
        0x0e,
        [2],
        bigEndian(8, [Math.PI, -1e-300], (v, o, x) => v.setFloat64(o, x)),
      ),
    )
    expect([f64.type, Array.from(f64.data)]).toEqual(['double', [Math.PI, -1e-300]])
  })

  it('reads an empty array (a zero dimension)', () => {
    expect(parseIdx(idx(0x08, [0, 28, 28], new Uint8Array())).data.length).toBe(0)
  })

  it.each([
    ['a 3-byte file', Uint8Array.of(0, 0, 8), /truncated IDX header \(3 bytes\)/],
    ['a gzip or text file', Uint8Array.of(0x50, 0x4b, 3, 4, 0), /not an IDX file .*got 50 4b 03 04/],
    ['an unknown type', Uint8Array.of(0, 0, 0x0a, 1, 0, 0, 0, 0), /unknown IDX data type 0x0a/],
    ['no dimensions', Uint8Array.of(0, 0, 8, 0), /declares no dimensions/],
    ['a cut header', Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 1), /truncated IDX header/],
    [
      'missing data',
      idx(0x08, [2, 2], Uint8Array.of(1, 2, 3)),
      /is truncated: .*2×2 ubyte values = 4 bytes .* has 3/,
    ],
    ['extra bytes', idx(0x0b, [1], Uint8Array.of(1, 2, 3)), /has extra bytes: .*1 short values = 2 bytes/],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => parseIdx(bytes, 'x.idx')).toThrow(IdxFormatError)
    expect(() => parseIdx(bytes, 'x.idx')).toThrow(message)
  })

  it('refuses a header declaring more than the limit before allocating anything', () => {
    const bogus = idx(0x0e, [0xffffffff, 0xffffffff, 0xffffffff], new Uint8Array(8))
    expect(() => parseIdx(bogus, 'bogus.idx')).toThrow(/declares dimensions 4294967295×…/)
    expect(() => parseIdx(idx(0x08, [10, 10], new Uint8Array(100)), 'small', 99)).toThrow(/99-byte limit/)
  })
})

describe('readIdxFile', () => {
  const payload = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) % 256)
  const file = idx(0x08, [5, 4, 3], payload)

  it('reads a raw file and the same file gzipped', async () => {
    await writeFile(join(dir, 'a.idx'), file)
    await writeFile(join(dir, 'a.idx.gz'), gzipSync(file))
    for (const name of ['a.idx', 'a.idx.gz']) {
      const a = await readIdxFile(join(dir, name))
      expect(a.dims).toEqual([5, 4, 3])
      expect(a.data).toEqual(payload)
    }
  })

  it('refuses a truncated raw file from its header and size alone', async () => {
    await writeFile(join(dir, 'cut.idx'), file.subarray(0, 40))
    await expect(readIdxFile(join(dir, 'cut.idx'))).rejects.toThrow(
      /is truncated: .*60 bytes of data, the file has 24/,
    )
  })

  it('refuses gzip streams that are cut, too long, or damaged', async () => {
    const gz = gzipSync(file)
    await writeFile(join(dir, 'cut.idx.gz'), gz.subarray(0, gz.length - 12))
    await expect(readIdxFile(join(dir, 'cut.idx.gz'))).rejects.toThrow(IdxFormatError)
    await writeFile(join(dir, 'long.idx.gz'), gzipSync(Buffer.concat([file, Buffer.alloc(5)])))
    await expect(readIdxFile(join(dir, 'long.idx.gz'))).rejects.toThrow(/has extra bytes/)
    const broken = Buffer.from(gz)
    broken.fill(0x55, 12, 30)
    await writeFile(join(dir, 'broken.idx.gz'), broken)
    await expect(readIdxFile(join(dir, 'broken.idx.gz'))).rejects.toThrow(/gzip stream is damaged|IDX/)
  })

  it('stops inflating a gzip bomb at its declared size', async () => {
    // header says 2×2 bytes, the stream inflates to 16 MB of zeros
    const bomb = gzipSync(Buffer.concat([idx(0x08, [2, 2], new Uint8Array(4)), Buffer.alloc(16 << 20)]))
    await writeFile(join(dir, 'bomb.idx.gz'), bomb)
    await expect(readIdxFile(join(dir, 'bomb.idx.gz'))).rejects.toThrow(
      /has extra bytes: the header declares 16 bytes/,
    )
  })
})
