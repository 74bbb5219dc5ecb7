import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { base64 } from './base64'
import { type PngChannels, crc32, encodePng } from './png-encode'

/**
 * Decodes with sharp and gives the pixels back in the PNG's own channel layout. sharp's raw output
 * of a grey PNG repeats the grey level as R, G, B (and keeps alpha), so grey pixels are read from
 * the first channel after checking that the three copies agree.
 */
async function decode(
  png: Uint8Array,
): Promise<{ data: number[]; width: number; height: number; channels: number }> {
  const meta = await sharp(png).metadata()
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
  const channels = meta.channels ?? 0
  if (channels >= 3) return { data: Array.from(data), width: info.width, height: info.height, channels }
  const out: number[] = []
  for (let p = 0; p < info.width * info.height; p++) {
    const px = Array.from(data.subarray(p * info.channels, (p + 1) * info.channels))
    if (px[1] !== px[0] || px[2] !== px[0])
      throw new Error(`grey pixel ${p} decoded as colour ${px.join(',')}`)
    out.push(px[0])
    if (channels === 2) out.push(px[info.channels - 1])
  }
  return { data: out, width: info.width, height: info.height, channels }
}

describe('encodePng', () => {
  const cases: [PngChannels, number, number][] = [
    [1, 3, 2],
    [2, 2, 3],
    [3, 2, 2],
    [4, 5, 1],
  ]
  it.each(cases)(
    'round-trips %i channel(s) %i×%i byte for byte through sharp',
    async (channels, width, height) => {
      const data = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37 + 11) % 256)
      const png = encodePng({ width, height, channels, data })
      const back = await decode(png)
      expect([back.width, back.height, back.channels]).toEqual([width, height, channels])
      expect(back.data).toEqual(Array.from(data))
    },
  )

  it('round-trips a 28×28 grey ramp and is deterministic', async () => {
    const data = Uint8Array.from({ length: 784 }, (_, i) => i % 256)
    const png = encodePng({ width: 28, height: 28, channels: 1, data })
    expect((await decode(png)).data).toEqual(Array.from(data))
    expect(encodePng({ width: 28, height: 28, channels: 1, data })).toEqual(png)
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  })

  it('writes the standard CRC-32 (IEND chunk = 0xAE426082)', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082)
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('rejects wrong sizes with the numbers', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(
      'encodePng: 2×2×3 needs 12 bytes, got 11',
    )
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow('width')
  })
})

describe('base64', () => {
  it('matches Node for every padding case', () => {
    for (let n = 0; n < 8; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i * 31)
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
    }
  })
})
