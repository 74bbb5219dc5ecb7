import { describe, expect, it } from 'vitest'
import { NpyFormatError, ShapeError } from '../errors'
import { type NpyArray, type NpyInput, readNpy, toFloat32, writeNpy } from './npy'
import { decodeValues, fixtureBytes, readManifest, valuesOf } from './test-support/npy-fixtures'

const manifest = readManifest()
const typedArrayOf: Record<string, string> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  int8: 'Int8Array',
  int16: 'Int16Array',
  int32: 'Int32Array',
  int64: 'BigInt64Array',
  uint8: 'Uint8Array',
  uint16: 'Uint16Array',
  uint32: 'Uint32Array',
  uint64: 'BigUint64Array',
  bool: 'Uint8Array',
}

/** A .npy file with a hand-written header (padded like NumPy's) and the given data bytes. */
function npyFile(dict: string, data: ArrayLike<number> = [], version = 1): Uint8Array {
  const lengthSize = version === 1 ? 2 : 4
  let text = dict + ' '
  while ((8 + lengthSize + text.length + 1) % 64 !== 0) text += ' '
  text += '\n'
  const out = new Uint8Array(8 + lengthSize + text.length + data.length)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0])
  const view = new DataView(out.buffer)
  if (version === 1) view.setUint16(8, text.length, true)
  else view.setUint32(8, text.length, true)
  for (let i = 0; i < text.length; i++) out[8 + lengthSize + i] = text.charCodeAt(i)
  out.set(data, 8 + lengthSize + text.length)
  return out
}

const f64Bytes = (...values: number[]): Uint8Array => new Uint8Array(new Float64Array(values).buffer)

describe('readNpy: every NumPy-written fixture (tools/numpy/gen_npz_fixtures.py), values exact', () => {
  it.each(Object.entries(manifest.npy))('%s', (name, expected) => {
    const a = readNpy(fixtureBytes(name))
    expect(a.dtype).toBe(expected.dtype)
    expect(a.shape).toEqual(expected.shape)
    expect(a.fortranOrder).toBe(false)
    expect(a.data.constructor.name).toBe(typedArrayOf[expected.dtype])
    expect(valuesOf(a)).toEqual(decodeValues(expected))
  })

  it('covers big-endian, Fortran order, 0-d, empty and header versions 2.0 and 3.0', () => {
    expect(readNpy(fixtureBytes('be_f8_3.npy')).data).toEqual(new Float64Array([0.1, -2.5, 1e300]))
    // np.asfortranarray(np.arange(6.0).reshape(2, 3)) is stored 0 3 1 4 2 5; read back row-major
    expect(valuesOf(readNpy(fixtureBytes('fortran_2x3.npy')))).toEqual([0, 1, 2, 3, 4, 5])
    const f3 = readNpy(fixtureBytes('fortran_2x3x4.npy'))
    expect(valuesOf(f3)).toEqual(Array.from({ length: 24 }, (_, i) => i - 11.5))
    expect(valuesOf(readNpy(fixtureBytes('fortran_be_i4_3x2.npy')))).toEqual([1, -2, 3, -4, 5, -6])
    const scalar = readNpy(fixtureBytes('scalar_0d.npy'))
    expect([scalar.shape, valuesOf(scalar)]).toEqual([[], [3.5]])
    const empty = readNpy(fixtureBytes('empty_0x3.npy'))
    expect([empty.shape, empty.data.length]).toEqual([[0, 3], 0])
    expect(fixtureBytes('v2_header.npy')[6]).toBe(2)
    expect(valuesOf(readNpy(fixtureBytes('v2_header.npy')))).toEqual([1, 2, 3, 4])
    expect(fixtureBytes('v3_header.npy')[6]).toBe(3)
    expect(valuesOf(readNpy(fixtureBytes('v3_header.npy')))).toEqual([7, -8, 9])
  })

  it('reads from a Node Buffer that is a view at an odd offset into a larger buffer', () => {
    const bytes = fixtureBytes('f8_5.npy')
    const view = Buffer.concat([Buffer.from([1, 2, 3]), bytes, Buffer.from([4])]).subarray(
      3,
      3 + bytes.length,
    )
    expect(view.byteOffset % 8).not.toBe(0)
    expect(valuesOf(readNpy(view))).toEqual(valuesOf(readNpy(bytes)))
  })

  it('returns int64 as BigInt64Array, exact beyond 2^53', () => {
    const a = readNpy(fixtureBytes('i8_4.npy'))
    expect(a.data).toEqual(new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -7n]))
  })
})

describe('writeNpy', () => {
  const littleEndianC = Object.keys(manifest.npy).filter((n) => !/^(be_|fortran_|v2_|v3_)/.test(n))

  it.each(littleEndianC)('writes the same bytes as np.save: %s', (name) => {
    const bytes = fixtureBytes(name)
    expect(writeNpy(readNpy(bytes))).toEqual(bytes)
  })

  it.each(Object.keys(manifest.npy))('round-trips the values of %s', (name) => {
    const a = readNpy(fixtureBytes(name))
    const b = readNpy(writeNpy(a))
    expect([b.dtype, b.shape, valuesOf(b)]).toEqual([a.dtype, a.shape, valuesOf(a)])
  })

  it('writes the header NumPy writes: 64-byte aligned, padded with spaces, ended by a newline', () => {
    const bytes = writeNpy({ dtype: 'float32', shape: [2, 3], data: new Float32Array(6) })
    const header = String.fromCharCode(...bytes.subarray(10, 128))
    expect(bytes.length).toBe(128 + 24)
    expect([bytes[6], bytes[7], bytes[8]! | (bytes[9]! << 8)]).toEqual([1, 0, 118])
    expect(header).toBe(`{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.padEnd(117) + '\n')
  })

  it('writes bool as 0/1 and refuses data of the wrong type, size or rank', () => {
    const b = writeNpy({ dtype: 'bool', shape: [3], data: new Uint8Array([0, 7, 1]) })
    expect(Array.from(b.subarray(-3))).toEqual([0, 1, 1])
    expect(() =>
      writeNpy({ dtype: 'float64', shape: [2], data: new Float32Array(2) } as unknown as NpyInput),
    ).toThrow(new NpyFormatError("writeNpy: dtype 'float64' needs a Float64Array, got Float32Array"))
    expect(() => writeNpy({ dtype: 'float32', shape: [2, 2], data: new Float32Array(3) })).toThrow(
      new ShapeError('writeNpy: shape (2, 2) holds 4 values but the data has 3'),
    )
    expect(() => writeNpy({ dtype: 'float32', shape: [-1], data: new Float32Array(1) })).toThrow(ShapeError)
    expect(() =>
      writeNpy({ dtype: 'float32', shape: new Array(33).fill(1), data: new Float32Array(1) }),
    ).toThrow(/33 dimensions; NumPy 1.x reads at most 32/)
  })

  it('writes a view into a larger buffer without the bytes around it', () => {
    const backing = new Float32Array([9, 1, 2, 9])
    const a = readNpy(writeNpy({ dtype: 'float32', shape: [2], data: backing.subarray(1, 3) }))
    expect(valuesOf(a)).toEqual([1, 2])
  })
})

describe('toFloat32', () => {
  it('returns float32 data itself and rounds or converts everything else', () => {
    const f32 = readNpy(fixtureBytes('f4_2x3.npy'))
    expect(toFloat32(f32)).toBe(f32.data)
    expect(Array.from(toFloat32(readNpy(fixtureBytes('f8_5.npy'))))).toEqual([
      Math.fround(0.1),
      Math.fround(1 / 3),
      -0, // −1e−300 underflows float32 to −0
      2 ** 53,
      NaN,
    ])
    expect(Array.from(toFloat32(readNpy(fixtureBytes('i8_4.npy'))))).toEqual([
      -(2 ** 63),
      2 ** 63,
      2 ** 53,
      -7,
    ])
    expect(Array.from(toFloat32(readNpy(fixtureBytes('u8_3.npy'))))).toEqual([0, 2 ** 64, 2 ** 63])
    expect(Array.from(toFloat32(readNpy(fixtureBytes('b1_2x2.npy'))))).toEqual([1, 0, 0, 1])
    expect(Array.from(toFloat32(readNpy(fixtureBytes('i1_5.npy'))))).toEqual([-128, -1, 0, 1, 127])
  })
})

describe('readNpy: headers NumPy accepts that np.save does not write', () => {
  it.each([
    ['Python 2 long integers', `{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }`],
    ['double quotes, no trailing comma', `{"descr": "<f8", "fortran_order": False, "shape": (2,)}`],
    ['other key order and spacing', `{ 'shape' : ( 2 , ) ,'fortran_order':False,'descr':'<f8' }`],
    ['Fortran order on 1-D', `{'descr': '<f8', 'fortran_order': True, 'shape': (2,), }`],
    ['a 16-byte aligned header', `{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}`],
  ])('%s', (_what, dict) => {
    expect(valuesOf(readNpy(npyFile(dict, f64Bytes(1.5, -2))))).toEqual([1.5, -2])
  })

  it("reads '<i1', '>u1', '|u1' and '<b1' one-byte types, and bool bytes other than 0/1 as 1", () => {
    const one = (descr: string, data: number[]): NpyArray =>
      readNpy(npyFile(`{'descr': '${descr}', 'fortran_order': False, 'shape': (${data.length},), }`, data))
    expect([one('<i1', [255]).dtype, valuesOf(one('<i1', [255]))]).toEqual(['int8', [-1]])
    expect(valuesOf(one('>u1', [200]))).toEqual([200])
    expect(valuesOf(one('|u1', [7]))).toEqual([7])
    expect(valuesOf(one('<b1', [0, 2, 255]))).toEqual([0, 1, 1])
  })
})

describe('readNpy: malformed or refused headers throw NpyFormatError with the reason', () => {
  const f = (shape: string, descr = '<f8', fortran = 'False'): string =>
    `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`
  it.each([
    ['bad magic', new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x58, 1, 0, 0, 0]), /not a NumPy \.npy file/],
    ['empty input', new Uint8Array(0), /not a NumPy \.npy file.*got 0 bytes/],
    ['version 4.0', npyFile(f('(1,)'), f64Bytes(1), 4), /unsupported format version 4\.0/],
    [
      'version 1.1',
      Uint8Array.from([...npyFile(f('(1,)'), f64Bytes(1))].map((b, i) => (i === 7 ? 1 : b))),
      /1\.1/,
    ],
    ['header not a dict', npyFile(`['descr', '<f8']`), /the header is not a dict/],
    ['missing key', npyFile(`{'descr': '<f8', 'shape': (1,)}`), /exactly the keys/],
    [
      'extra key',
      npyFile(`{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}`),
      /exactly the keys/,
    ],
    [
      'unparseable header',
      npyFile(`{'descr': '<f8', 'fortran_order': False, 'shape': (1,`),
      /cannot parse the header/,
    ],
    [
      'code in the header',
      npyFile(`{'descr': __import__('os'), 'fortran_order': False, 'shape': ()}`),
      /cannot parse/,
    ],
    ['complex dtype', npyFile(f('(1,)', '<c16')), /unsupported dtype '<c16'; DL Lab reads/],
    ['float16', npyFile(f('(1,)', '<f2')), /unsupported dtype '<f2'/],
    ['strings', npyFile(f('(1,)', '<U5')), /unsupported dtype '<U5'/],
    ['no byte order', npyFile(f('(1,)', 'f8')), /'f8' has no byte order/],
    ['structured', npyFile(`{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}`), /structured/],
    ['fortran_order 1', npyFile(f('(1,)', '<f8', '1')), /'fortran_order' must be True or False, got 1/],
    ['shape as a list', npyFile(f('[1]')), /invalid shape \[1\]: expected a tuple/],
    ['negative dimension', npyFile(f('(-1, 2)')), /must not be negative/],
    ['float dimension', npyFile(f('(2.0,)')), /cannot parse the header: expected an integer/],
    ['huge dimension', npyFile(f('(99999999999999999999,)')), /is too large/],
    ['65 dimensions', npyFile(f(`(${'1, '.repeat(65)})`)), /65 dimensions/],
    [
      'too little data',
      npyFile(f('(3,)'), f64Bytes(1, 2)),
      /truncated.*needs 152 bytes but the file has 144/,
    ],
    ['too much data', npyFile(f('(1,)'), f64Bytes(1, 2)), /needs 8 data bytes but the file has 16/],
    [
      'pickled object',
      npyFile(f('(1,)', '|O')),
      /contains pickled Python objects \(dtype '\|O'\); DL Lab never unpickles/,
    ],
    [
      'header length past the end',
      Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 255, 255, 255, 255]),
      /truncated/,
    ],
  ])('%s', (_what, bytes, message) => {
    expect(() => readNpy(bytes)).toThrow(NpyFormatError)
    expect(() => readNpy(bytes)).toThrow(message)
  })

  it('checks a declared size of 10^18 elements against the bytes present before allocating', () => {
    const bytes = npyFile(
      `{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000000), }`,
      f64Bytes(1),
    )
    const t0 = performance.now()
    expect(() => readNpy(bytes)).toThrow(/needs 8000000000000000128 bytes but the file has 136/)
    expect(performance.now() - t0).toBeLessThan(100)
  })

  it('refuses a pickled object array written by np.save(allow_pickle=True), naming the fix', () => {
    expect(() => readNpy(fixtureBytes('pickled_object.npy'))).toThrow(
      new NpyFormatError(
        "npy: the array contains pickled Python objects (dtype '|O'); DL Lab never unpickles: " +
          'save plain numeric arrays (np.savez with float/int arrays)',
      ),
    )
  })
})
