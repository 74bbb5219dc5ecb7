import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBmp } from './bmp'
import { decodeImage, ImageDecodeError } from './decode'
import { convertL, convertRgb } from './pillow-grey'
import { toPlanar } from './raster'
import { FIXTURES, fromBase64, readFixture } from './test-support/pil-fixtures'

interface DecodeCase {
  file: string
  mode: string
  width: number
  height: number
  L: string
  RGB?: string
}
const fx = readFixture<{ pillow: string; libjpeg: string; cases: DecodeCase[] }>('pil-decode.json')
const bytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, 'images', file)))
/** Files whose Pillow result is knowingly not reproduced (decode.ts explains why). */
const NOT_EXACT = new Set(['noise-palette-trns.gif', 'blob-cmyk.jpg'])

describe(`decode + convert equals Pillow ${fx.pillow} (libjpeg ${fx.libjpeg}) byte for byte`, () => {
  it.each(fx.cases.filter((c) => !NOT_EXACT.has(c.file)).map((c) => [c.file, c.mode, c] as const))(
    '%s (Pillow mode %s)',
    async (_, __, c) => {
      const img = await decodeImage(bytes(c.file))
      expect(img.pillowExact).toBe(true)
      expect([img.width, img.height]).toEqual([c.width, c.height])
      expect(convertL(img).data).toEqual(fromBase64(c.L))
      const rgb = c.RGB
        ? fromBase64(c.RGB)
        : Uint8Array.from(Array.from(fromBase64(c.L)).flatMap((v) => [v, v, v]))
      expect(convertRgb(img).data).toEqual(
        toPlanar({ width: c.width, height: c.height, channels: 3, data: rgb }).data,
      )
    },
  )

  it('decodes grey JPEGs and PNGs as one channel', async () => {
    expect((await decodeImage(bytes('digit-grey.jpg'))).channels).toBe(1)
    expect((await decodeImage(bytes('blob-grey.png'))).channels).toBe(1)
    expect((await decodeImage(bytes('ramp-grey16.png'))).channels).toBe(1)
  })

  it('flags a GIF with a transparent first frame and a CMYK JPEG as not Pillow-exact', async () => {
    const gif = await decodeImage(bytes('noise-palette-trns.gif'))
    expect([gif.width, gif.height, gif.channels, gif.pillowExact]).toEqual([9, 4, 4, false])
    const cmyk = await decodeImage(bytes('blob-cmyk.jpg'))
    expect([cmyk.width, cmyk.height, cmyk.channels, cmyk.pillowExact]).toEqual([12, 10, 3, false])
  })
})

describe('damaged and foreign files', () => {
  it('refuses an empty file, a text file and unknown bytes with the reason', async () => {
    await expect(decodeImage(new Uint8Array())).rejects.toThrow(/empty file/)
    await expect(decodeImage(new TextEncoder().encode('hello, world'))).rejects.toThrow(
      /not an image this program reads \(first bytes 68 65 6c 6c\)/,
    )
  })

  it.each(['digit-grey.jpg', 'blob-rgb-progressive.jpg', 'noise-rgb.png', 'noise-rgb.bmp', 'noise-rgb.tif'])(
    'a truncated %s fails like Pillow',
    async (file) => {
      const b = bytes(file)
      const err = await decodeImage(b.subarray(0, Math.floor(b.length * 0.7))).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ImageDecodeError)
    },
  )

  it('a BMP with RLE compression or a bogus size is refused, not allocated', () => {
    const b = bytes('noise-palette.bmp').slice()
    b[30] = 1 // compression = RLE8
    expect(() => decodeBmp(b)).toThrow(/RLE8 compression is not supported/)
    const big = bytes('noise-rgb.bmp').slice()
    big.set([0xff, 0xff, 0xff, 0x7f], 18) // width 2³¹ − 1
    expect(() => decodeBmp(big)).toThrow(/unusable size 2147483647×5/)
  })
})
