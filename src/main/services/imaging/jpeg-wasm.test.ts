import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { convertL, convertRgb } from './pillow-grey'
import { toPlanar } from './raster'
import { JPEG_WASM_MAX_PIXELS, JpegWasmDecoder, jpegWasmFrame } from './jpeg-wasm'
import { FIXTURES, fromBase64, lcgBytes, readFixture } from './test-support/pil-fixtures'

interface DecodeCase {
  file: string
  width: number
  height: number
  L: string
  RGB?: string
}
const fx = readFixture<{ pillow: string; cases: DecodeCase[] }>('pil-decode.json')
const bytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, 'images', file)))
const jpegCases = fx.cases.filter((c) => c.file.endsWith('.jpg') && c.file !== 'blob-cmyk.jpg')

let decoder: JpegWasmDecoder
beforeAll(async () => {
  decoder = await JpegWasmDecoder.create()
})

describe(`WebAssembly JPEG decoding equals Pillow ${fx.pillow} byte for byte`, () => {
  it('covers grey, 4:2:0, 4:2:2, 4:4:4 and progressive fixtures', () => {
    expect(jpegCases.map((c) => c.file).sort()).toEqual([
      'blob-rgb-420.jpg',
      'blob-rgb-progressive.jpg',
      'digit-grey-q100.jpg',
      'digit-grey.jpg',
      'noise-rgb-422.jpg',
      'noise-rgb-444.jpg',
    ])
  })

  it.each(jpegCases.map((c) => [c.file, c] as const))('%s', async (_, c) => {
    const img = await decoder.decode(bytes(c.file))
    expect(img).toBeDefined()
    expect([img!.width, img!.height]).toEqual([c.width, c.height])
    expect(img!.channels).toBe(c.file.startsWith('digit-grey') ? 1 : 3)
    expect(convertL(img!).data).toEqual(fromBase64(c.L))
    if (c.RGB) {
      const rgb = { width: c.width, height: c.height, channels: 3, data: fromBase64(c.RGB) }
      expect(convertRgb(img!).data).toEqual(toPlanar(rgb).data)
    }
  })
})

describe('WebAssembly JPEG decoding equals sharp (libjpeg-turbo) on generated JPEGs', () => {
  const sizes = [
    [1, 1],
    [7, 5],
    [33, 17],
    [64, 64],
    [101, 75],
    [257, 130],
  ] as const
  const variants = [
    { channels: 1, options: { quality: 90 } },
    { channels: 3, options: { quality: 75, chromaSubsampling: '4:2:0' } },
    { channels: 3, options: { quality: 95, chromaSubsampling: '4:4:4' } },
    { channels: 3, options: { quality: 60, progressive: true } },
    { channels: 1, options: { quality: 100, progressive: true } },
  ] as const
  const cases = sizes.flatMap(([w, h]) => variants.map((v, k) => [`${w}×${h}`, k, w, h, v] as const))

  it.each(cases)('%s variant %i', async (_, k, w, h, v) => {
    // smooth ramps plus noise: both flat areas and edges for the IDCT and upsampling to work on
    const noise = lcgBytes(w * 31 + h * 7 + k, w * h * 3)
    const raw = Uint8Array.from(
      noise,
      (n, i) => ((i % (w * 3)) * 5 + Math.floor(i / (w * 3)) * 3 + (n >> 3)) & 255,
    )
    let image = sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    if (v.channels === 1) image = image.toColourspace('b-w')
    const jpeg = new Uint8Array(await image.jpeg(v.options).toBuffer())
    const reference = await sharp(jpeg)
      .toColourspace(v.channels === 1 ? 'b-w' : 'srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
    const ours = await decoder.decode(jpeg)
    expect([ours?.width, ours?.height, ours?.channels]).toEqual([w, h, reference.info.channels])
    expect(ours!.data).toEqual(new Uint8Array(reference.data))
  })
})

describe('what the WebAssembly decoder leaves to sharp', () => {
  const base = bytes('noise-rgb-444.jpg')
  /** The offset of the first SOF payload (precision byte). */
  const sof = (b: Uint8Array) => {
    for (let i = 2; i < b.length - 1; i++) if (b[i] === 0xff && b[i + 1] === 0xc0) return i + 4
    throw new Error('no SOF0')
  }
  const patched = (edit: (b: Uint8Array, at: number) => void) => {
    const b = base.slice()
    edit(b, sof(b))
    return b
  }

  it('takes baseline 4:4:4 and refuses 4:4:0, arithmetic coding, 12-bit, CMYK and RGB-id files', () => {
    expect(jpegWasmFrame(base)).toEqual({ width: 16, height: 16, components: 3 })
    expect(jpegWasmFrame(patched((b, at) => (b[at + 7] = 0x12)))).toBeUndefined() // luma 1×2: 4:4:0
    expect(jpegWasmFrame(patched((b, at) => (b[at - 3] = 0xc9)))).toBeUndefined() // SOF9 arithmetic
    expect(jpegWasmFrame(patched((b, at) => (b[at] = 12)))).toBeUndefined() // 12-bit samples
    expect(
      jpegWasmFrame(patched((b, at) => b.set([0x52, 0x11, 0, 0x47, 0x11, 0, 0x42, 0x11, 0], at + 6))),
    ).toBe(undefined)
    expect(jpegWasmFrame(bytes('blob-cmyk.jpg'))).toBeUndefined()
    expect(jpegWasmFrame(bytes('noise-rgb.png'))).toBeUndefined()
  })

  it('refuses images above JPEG_WASM_MAX_PIXELS (sharp is faster there)', () => {
    const side = Math.ceil(Math.sqrt(JPEG_WASM_MAX_PIXELS)) + 1
    const big = patched((b, at) => b.set([side >> 8, side & 255, side >> 8, side & 255], at + 1))
    expect(jpegWasmFrame(big)).toBeUndefined()
  })

  it('returns undefined for a truncated file and for one libjpeg gives up on, then decodes normally', async () => {
    const good = bytes('digit-grey.jpg')
    expect(await decoder.decode(good.subarray(0, Math.floor(good.length * 0.7)))).toBeUndefined()
    expect(await decoder.decode(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2))).toBeUndefined()
    const again = await decoder.decode(good)
    expect(convertL(again!).data).toEqual(fromBase64(fx.cases.find((c) => c.file === 'digit-grey.jpg')!.L))
  })
})
