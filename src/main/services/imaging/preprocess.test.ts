import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { LECTURE, preprocessImage, preprocessRaster, PreprocessError } from './preprocess'
import { FIXTURES, fromBase64, lcgBytes, readFixture } from './test-support/pil-fixtures'

interface DecodeCase {
  file: string
  L14?: string
  RGB14?: string
  L14unitSum?: string
  RGB14unit?: string
}
const fx = readFixture<{ cases: DecodeCase[] }>('pil-decode.json')
const chain = fx.cases.filter((c) => c.L14 !== undefined)
const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, 'images', name)))
const float64 = (b64: string) => {
  const b = fromBase64(b64)
  return new Float64Array(b.buffer, b.byteOffset, b.length / 8)
}
const exact = { size: 14, scale: 'none', lectureExact: true } as const

describe('preprocess: the lecture’s chains Image.open(f).convert(m).resize((14, 14))', () => {
  it.each(chain.map((c) => [c.file, c] as const))('%s grey and RGB equal Pillow', async (_, c) => {
    const grey = await preprocessImage(file(c.file), { colour: 'grey', ...exact })
    expect([grey.channels, grey.height, grey.width, grey.pillowExact]).toEqual([1, 14, 14, true])
    expect(Uint8Array.from(grey.data)).toEqual(fromBase64(c.L14!))
    const rgb = await preprocessImage(file(c.file), { colour: 'rgb', ...exact })
    // Pillow's bytes are (Y, X, C); ours (C, Y, X)
    const pil = fromBase64(c.RGB14!)
    const planar = Uint8Array.from({ length: pil.length }, (_, i) => pil[(i % 196) * 3 + Math.floor(i / 196)])
    expect(Uint8Array.from(rgb.data)).toEqual(planar)
  })

  it('AE.py’s unit-sum vector is NumPy’s float64 result rounded to float32, element for element', async () => {
    const c = fx.cases.find((k) => k.file === 'digit-grey.jpg')!
    const ours = await preprocessImage(file(c.file), LECTURE.mnist)
    const numpy = float64(c.L14unitSum!)
    expect(ours.data.length).toBe(196)
    expect(Array.from(ours.data)).toEqual(Array.from(numpy, Math.fround))
    expect(ours.data.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5)
  })

  it('the CIFAR homework’s R, G, B planes / 255 equal NumPy’s', async () => {
    const c = fx.cases.find((k) => k.file === 'blob-rgb-420.jpg')!
    const ours = await preprocessImage(file(c.file), { ...LECTURE.cifar, size: 14 })
    expect(Array.from(ours.data)).toEqual(Array.from(float64(c.RGB14unit!), Math.fround))
  })
})

describe('preprocessRaster', () => {
  const img = { width: 5, height: 3, channels: 3, data: lcgBytes(9, 45) }

  it('keeps the size without `size`, scales to [0, 1] and keeps raw values with "none"', () => {
    const out = preprocessRaster(img, { colour: 'rgb', scale: 'unit', lectureExact: true })
    expect([out.channels, out.height, out.width]).toEqual([3, 3, 5])
    expect(out.data[0]).toBe(Math.fround(img.data[0] / 255))
    expect(out.data[15]).toBe(Math.fround(img.data[1] / 255)) // G plane starts at 15
    const raw = preprocessRaster(img, { colour: 'grey', scale: 'none', lectureExact: true })
    expect(raw.data[0]).toBe((19595 * img.data[0] + 38470 * img.data[1] + 7471 * img.data[2] + 0x8000) >>> 16)
  })

  it('refuses unit-sum of an all-black image and a bad size', () => {
    const black = { width: 2, height: 2, channels: 1, data: new Uint8Array(4) }
    expect(() => preprocessRaster(black, { colour: 'grey', scale: 'unit-sum', lectureExact: true })).toThrow(
      PreprocessError,
    )
    expect(() =>
      preprocessRaster(img, { colour: 'grey', size: 0, scale: 'unit', lectureExact: true }),
    ).toThrow(/size must be an integer from 1 to 4096, got 0/)
  })
})

describe('not lecture-exact', () => {
  it('lets sharp shrink a big JPEG while decoding and says it is not Pillow-exact', async () => {
    const big = await sharp(Buffer.from(lcgBytes(5, 160 * 120 * 3)), {
      raw: { width: 160, height: 120, channels: 3 },
    })
      .jpeg()
      .toBuffer()
    const fast = await preprocessImage(big, { colour: 'grey', size: 16, scale: 'unit', lectureExact: false })
    expect([fast.channels, fast.height, fast.width, fast.pillowExact]).toEqual([1, 16, 16, false])
    const slow = await preprocessImage(big, { colour: 'grey', size: 16, scale: 'unit', lectureExact: true })
    expect(slow.pillowExact).toBe(true)
    // a small image keeps the exact path even when exactness is not asked for
    const small = await preprocessImage(file('digit-grey.jpg'), { ...LECTURE.mnist, lectureExact: false })
    expect(small.pillowExact).toBe(true)
  })
})
