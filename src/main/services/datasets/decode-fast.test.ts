import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeImage, ImageDecodeError } from '../imaging/decode'
import { preprocessImage, type PreprocessOptions } from '../imaging/preprocess'
import { FIXTURES } from '../imaging/test-support/pil-fixtures'
import { decodeImageFast, preprocessImageFast } from './decode-fast'

const bytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, 'images', file)))
const fixtures = [
  'digit-grey.jpg',
  'blob-rgb-420.jpg',
  'blob-rgb-progressive.jpg',
  'noise-rgb-422.jpg',
  'noise-rgb-444.jpg',
  'blob-cmyk.jpg',
  'noise-rgb.png',
  'noise-rgb.bmp',
  'noise-palette.gif',
  'noise-rgb-lossless.webp',
  'noise-rgb.tif',
]

describe('decodeImageFast', () => {
  it.each(fixtures)('%s decodes to what decodeImage gives', async (file) => {
    const fast = await decodeImageFast(bytes(file))
    const reference = await decodeImage(bytes(file))
    expect(fast).toEqual(reference)
  })

  it('a CMYK JPEG goes to sharp and stays marked not Pillow-exact', async () => {
    const img = await decodeImageFast(bytes('blob-cmyk.jpg'))
    expect([img.channels, img.pillowExact]).toEqual([3, false])
  })

  it('a truncated JPEG fails as in decodeImage (ImageDecodeError), not with a half image', async () => {
    const b = bytes('blob-rgb-progressive.jpg')
    const cut = b.subarray(0, Math.floor(b.length * 0.7))
    await expect(decodeImageFast(cut)).rejects.toBeInstanceOf(ImageDecodeError)
  })
})

describe('preprocessImageFast', () => {
  const options: PreprocessOptions[] = [
    { colour: 'grey', size: 14, scale: 'unit-sum', lectureExact: true },
    { colour: 'rgb', size: 5, scale: 'unit', lectureExact: false },
    { colour: 'rgb', scale: 'none', lectureExact: true },
  ]
  it.each(options.map((o, i) => [i, o] as const))(
    'options %i give preprocessImage’s values',
    async (_, o) => {
      for (const file of ['digit-grey.jpg', 'noise-rgb-422.jpg', 'noise-rgb.png']) {
        expect(await preprocessImageFast(bytes(file), o)).toEqual(await preprocessImage(bytes(file), o))
      }
    },
  )
})
