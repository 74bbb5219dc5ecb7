import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { NpyFormatError, ShapeError } from '../errors'
import { readNpy, writeNpy } from './npy'
import { NPZ_MAX_TOTAL_BYTES, readNpz, writeNpz } from './npz'
import { decodeValues, fixtureBytes, readManifest, valuesOf } from './test-support/npy-fixtures'
import { CD, patchCentral, recordOf, zipRecords } from './test-support/zip-patch'
import { crc32 } from './zip-directory'

const manifest = readManifest()

describe('readNpz: NumPy-written archives (np.savez, np.savez_compressed), values exact', () => {
  it.each(Object.entries(manifest.npz))('%s', (name, expected) => {
    const arrays = readNpz(fixtureBytes(name))
    expect(Object.keys(arrays)).toEqual(Object.keys(expected))
    for (const [key, e] of Object.entries(expected)) {
      const a = arrays[key]!
      expect([key, a.dtype, a.shape, valuesOf(a)]).toEqual([key, e.dtype, e.shape, decodeValues(e)])
    }
  })

  it('reads from a Node Buffer that is a view at an odd offset into a larger buffer', () => {
    const bytes = fixtureBytes('savez_compressed.npz')
    const view = Buffer.concat([Buffer.from([1, 2, 3]), bytes, Buffer.from([4])]).subarray(
      3,
      3 + bytes.length,
    )
    const a = readNpz(view)
    const b = readNpz(bytes)
    expect(Object.keys(a)).toEqual(Object.keys(b))
    for (const key of Object.keys(b)) expect(valuesOf(a[key]!)).toEqual(valuesOf(b[key]!))
  })

  it("keeps keys with '.' and '/' verbatim", () => {
    const arrays = readNpz(fixtureBytes('savez_multi.npz'))
    expect(Object.keys(arrays)).toEqual(['fc1.W', 'fc1.b', 'opt.fc1.W.momentum', 'enc/dec.W', 'step', 'mask'])
    expect(arrays['step']!.data).toEqual(new BigInt64Array([42n]))
  })

  it('reads stored and deflated members (the fixtures hold both kinds)', () => {
    const methods = (name: string): number[] =>
      zipRecords(fixtureBytes(name)).map((r) => fixtureBytes(name)[r.central + CD.compression]!)
    expect(new Set(methods('savez_multi.npz'))).toEqual(new Set([0]))
    expect(new Set(methods('savez_compressed.npz'))).toEqual(new Set([8]))
  })

  it('writeNpy reproduces the member bytes np.savez wrote', () => {
    const zip = fixtureBytes('savez_multi.npz')
    for (const [key, array] of Object.entries(readNpz(zip))) {
      const r = recordOf(zip, `${key}.npy`)
      const member = zip.subarray(
        r.data,
        r.data + new DataView(zip.buffer).getUint32(r.central + CD.size, true),
      )
      expect(writeNpy(array), key).toEqual(member)
    }
  })
})

describe('writeNpz', () => {
  const record = {
    'fc1.W': { dtype: 'float32', shape: [2, 2], data: new Float32Array([1, -2, 0.5, 3]) },
    'opt.fc1.W.momentum': { dtype: 'float64', shape: [3], data: new Float64Array([0.1, 0, -1e-300]) },
    'enc/dec/b': { dtype: 'int64', shape: [], data: new BigInt64Array([-(2n ** 63n)]) },
    'réseau.poids': { dtype: 'bool', shape: [2], data: new Uint8Array([1, 0]) },
    __proto__: { dtype: 'uint8', shape: [1], data: new Uint8Array([9]) },
    zeros: { dtype: 'float32', shape: [4096], data: new Float32Array(4096) },
  } as const
  // `__proto__:` in a literal sets the prototype; define it as an own key like a real name would be
  const named = Object.defineProperty({ ...record }, '__proto__', {
    value: record.__proto__,
    enumerable: true,
  })

  it.each([false, true])('round-trips names and values (compress %s)', (compress) => {
    const arrays = readNpz(writeNpz(named, { compress }))
    expect(Object.keys(arrays)).toEqual(Object.keys(named))
    for (const [key, a] of Object.entries(named)) {
      expect([arrays[key]!.dtype, arrays[key]!.shape, valuesOf(arrays[key]!)]).toEqual([
        a.dtype,
        a.shape,
        valuesOf(a),
      ])
    }
  })

  it('stores like np.savez or deflates like np.savez_compressed, with the same bytes every time', () => {
    const stored = writeNpz(named)
    const deflated = writeNpz(named, { compress: true })
    const method = (zip: Uint8Array): number[] => zipRecords(zip).map((r) => zip[r.central + CD.compression]!)
    expect(method(stored)).toEqual([0, 0, 0, 0, 0, 0])
    expect(method(deflated)).toEqual([8, 8, 8, 8, 8, 8])
    expect(deflated.length).toBeLessThan(stored.length / 10)
    expect(writeNpz(named)).toEqual(stored)
    expect(zipRecords(stored).map((r) => r.name)).toEqual(Object.keys(named).map((k) => `${k}.npy`))
  })

  it('writes an empty archive that reads back empty', () => {
    expect(readNpz(writeNpz({}))).toEqual({})
  })

  it('refuses names NumPy could not give back, and names the member whose array is wrong', () => {
    const a = { dtype: 'float32', shape: [1], data: new Float32Array(1) } as const
    for (const bad of ['', 'a\\b', 'a\0b']) {
      expect(() => writeNpz({ [bad]: a })).toThrow(/writeNpz: invalid array name/)
    }
    expect(() => writeNpz({ w: { dtype: 'float32', shape: [2], data: new Float32Array(1) } })).toThrow(
      new ShapeError("npz member 'w.npy': shape (2) holds 2 values but the data has 1"),
    )
  })
})

describe('readNpz: refuses what it must, naming the member', () => {
  it('refuses a member that is not .npy', () => {
    expect(() => readNpz(fixtureBytes('non_npy_member.npz'))).toThrow(
      new NpyFormatError(
        "npz member 'readme.txt': not a .npy array; an .npz holds only .npy members (np.savez writes one " +
          'per array). Remove this member or save the arrays again with np.savez',
      ),
    )
  })

  it('refuses a pickled object member', () => {
    expect(() => readNpz(fixtureBytes('pickled_member.npz'))).toThrow(
      new NpyFormatError(
        "npz member 'obj.npy': the array contains pickled Python objects (dtype '|O'); DL Lab never " +
          'unpickles: save plain numeric arrays (np.savez with float/int arrays)',
      ),
    )
  })

  it.each(Object.entries(manifest.refused))('%s: %s', (name, message) => {
    const read = name.endsWith('.npy') ? readNpy : readNpz
    expect(() => read(fixtureBytes(name))).toThrow(NpyFormatError)
    expect(() => read(fixtureBytes(name))).toThrow(message)
  })

  it('tells a .npy file or a non-zip apart', () => {
    expect(() => readNpz(fixtureBytes('f4_2x3.npy'))).toThrow(/single-array \.npy file, not an \.npz archive/)
    expect(() => readNpz(strToU8('just some text that is long enough'))).toThrow(/not an \.npz file/)
    expect(() => readNpz(new Uint8Array(0))).toThrow(/not an \.npz file/)
  })

  it('detects a damaged stored member by its CRC-32', () => {
    const zip = writeNpz({ w: { dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) } })
    const r = recordOf(zip, 'w.npy')
    const damaged = zip.slice()
    damaged[r.data + 128] ^= 0x01 // first data byte: 1.0 becomes another float
    expect(() => readNpz(damaged)).toThrow(/npz member 'w\.npy': the data is damaged \(its size or CRC-32/)
  })

  it('refuses duplicate members, unknown compression and inconsistent stored sizes', () => {
    const a = { dtype: 'uint8', shape: [1], data: new Uint8Array([1]) } as const
    const zip = writeNpz({ a, b: a })
    const dup = zip.slice()
    dup[recordOf(zip, 'b.npy').central + CD.name] = 'a'.charCodeAt(0)
    expect(() => readNpz(dup)).toThrow("npz member 'a.npy': appears twice in the archive")
    expect(() => readNpz(patchCentral(zip, 'a.npy', CD.compression, 14, 2))).toThrow(
      "npz member 'a.npy': uses zip compression method 14; DL Lab reads stored (np.savez) and deflated",
    )
    expect(() => readNpz(patchCentral(zip, 'a.npy', CD.size, 5000, 4))).toThrow(
      "npz member 'a.npy': is stored uncompressed but declares 129 bytes stored and 5000 bytes of data",
    )
  })
})

describe('readNpz: zip-bomb limits are checked before inflating', () => {
  const zeros = writeNpz(
    { z: { dtype: 'float32', shape: [262144], data: new Float32Array(262144) } },
    { compress: true },
  )

  it('inflates within the limit and refuses past it', () => {
    expect(zeros.length).toBeLessThan(2000)
    expect(readNpz(zeros)['z']!.data.length).toBe(262144)
    expect(() => readNpz(zeros, { maxTotalBytes: 65536 })).toThrow(
      new NpyFormatError(
        'npz: the archive declares at least 1048704 bytes of arrays (limit 65536); refusing to decompress ' +
          'it (a damaged file or a zip bomb)',
      ),
    )
    expect(NPZ_MAX_TOTAL_BYTES).toBe(2 ** 31)
  })

  it('refuses a declared size deflate cannot produce, without allocating it', () => {
    const lying = patchCentral(zeros, 'z.npy', CD.size, 0xfffffff0, 4)
    expect(() => readNpz(lying)).toThrow(
      /declares 4294967280 bytes from \d+ compressed bytes, more than deflate/,
    )
  })

  it('refuses archives whose members together exceed the default 2 GiB', () => {
    // 3 members each declaring 1 GiB (possible for deflate from ~1 MB); the check fires on the third
    const big = { dtype: 'uint8', shape: [1], data: new Uint8Array(1) } as const
    let zip = writeNpz({ a: big, b: big, c: big }, { compress: true })
    for (const name of ['a.npy', 'b.npy', 'c.npy']) {
      zip = patchCentral(zip, name, CD.compressedSize, 1_100_000, 4)
      zip = patchCentral(zip, name, CD.size, 2 ** 30, 4)
    }
    // 1.2 MB of filler before the members so the declared compressed sizes fit in the file
    const pad = 1_200_000
    const padded = new Uint8Array(pad + zip.length)
    padded.set(zip, pad)
    padded.set([0x50, 0x4b], 0)
    const view = new DataView(padded.buffer)
    for (const r of zipRecords(zip)) view.setUint32(pad + r.central + 42, r.local + pad, true)
    const eocd = padded.length - 22
    view.setUint32(eocd + 16, view.getUint32(eocd + 16, true) + pad, true)
    const t0 = performance.now()
    expect(() => readNpz(padded)).toThrow(
      'npz: the archive declares at least 3221225472 bytes of arrays (limit 2147483648); refusing',
    )
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})

describe('crc32', () => {
  it('matches the standard check value and zip', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array(0))).toBe(0)
    const zip = zipSync({ 'x.npy': strToU8('hello') })
    expect(new DataView(zip.buffer).getUint32(recordOf(zip, 'x.npy').central + CD.crc, true)).toBe(
      crc32(strToU8('hello')),
    )
  })
})
