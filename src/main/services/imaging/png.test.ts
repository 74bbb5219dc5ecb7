import { crc32, deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodePng, PngError } from './png'

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, data.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(data, 8)
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** A PNG from already filtered rows (each starting with its filter byte). */
function png(
  w: number,
  h: number,
  depth: number,
  colourType: number,
  rows: number[],
  extra: Uint8Array[] = [],
) {
  const ihdr = new Uint8Array(13)
  const v = new DataView(ihdr.buffer)
  v.setUint32(0, w)
  v.setUint32(4, h)
  ihdr.set([depth, colourType, 0, 0, 0], 8)
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', deflateSync(Uint8Array.from(rows))),
    chunk('IEND', new Uint8Array()),
  ]
  return new Uint8Array(Buffer.concat(parts))
}

describe('decodePng beyond the Pillow fixtures', () => {
  it('reads palette colours, and the grey ramp past the palette, as Pillow 9.4 does', () => {
    // Pillow: [(10, 20, 30), (40, 50, 60), (200, 200, 200)]
    const img = decodePng(
      png(3, 1, 8, 3, [0, 0, 1, 200], [chunk('PLTE', Uint8Array.of(10, 20, 30, 40, 50, 60))]),
    )
    expect(Array.from(img.data)).toEqual([10, 20, 30, 40, 50, 60, 200, 200, 200])
  })

  it('ignores a suggested palette in a truecolour image', () => {
    const img = decodePng(png(2, 1, 8, 2, [0, 1, 2, 3, 4, 5, 6], [chunk('PLTE', Uint8Array.of(10, 20, 30))]))
    expect([img.channels, Array.from(img.data)]).toEqual([3, [1, 2, 3, 4, 5, 6]])
  })

  it('undoes Sub, Up, Average and Paeth on a 2×4 grey image', () => {
    // row 0 None [10, 20]; row 1 Sub (+a): [5, 5] → [5, 10]; row 2 Up (+b): [1, 1] → [6, 11];
    // row 3 Average ((a + b) >> 1): [2, 2] → [2 + 3, 2 + ((5 + 11) >> 1)] = [5, 10]
    const img = decodePng(png(2, 4, 8, 0, [0, 10, 20, 1, 5, 5, 2, 1, 1, 3, 2, 2]))
    expect(Array.from(img.data)).toEqual([10, 20, 5, 10, 6, 11, 5, 10])
    // Paeth, row 1 under [10, 20]: x=0: p = 0 + 10 − 0 → b = 10, 255 + 10 → 9; x=1: p = 9 + 20 − 10 = 19 → b = 20
    const paeth = decodePng(png(2, 2, 8, 0, [0, 10, 20, 4, 255, 1]))
    expect(Array.from(paeth.data)).toEqual([10, 20, 9, 21])
  })

  it.each([
    ['an unknown row filter', png(1, 1, 8, 0, [7, 0]), /unknown row filter 7 in row 0/],
    ['a palette image without PLTE', png(1, 1, 8, 3, [0, 0]), /palette image without a PLTE chunk/],
    ['too little image data', png(4, 4, 8, 0, [0, 1, 2, 3, 4]), /image file is truncated \(5 of 20 bytes/],
    ['an impossible depth', png(1, 1, 3, 0, [0, 0]), /unsupported bit depth 3 for colour type 0/],
    ['a bogus size', png(100000, 100000, 8, 0, [0]), /unusable size 100000×100000/],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => decodePng(bytes)).toThrow(PngError)
    expect(() => decodePng(bytes)).toThrow(message)
  })

  it('checks the checksums before the image data, as Pillow does', () => {
    const bytes = png(1, 1, 8, 0, [0, 9])
    bytes[29] ^= 1 // IHDR's CRC
    expect(() => decodePng(bytes)).toThrow(/bad checksum in IHDR/)
  })
})
