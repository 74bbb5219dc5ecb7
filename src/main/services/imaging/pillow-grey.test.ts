import { describe, expect, it } from 'vitest'
import { convertL, convertRgb } from './pillow-grey'
import { ImagingError, toPlanar } from './raster'
import { fromBase64, readFixture, sourceImage, type SourceSpec } from './test-support/pil-fixtures'

interface ConvertFixture {
  pillow: string
  cases: { source: SourceSpec; L: string; RGB: string }[]
  greyLevels: string
}

const fx = readFixture<ConvertFixture>('pil-convert.json')

describe("Pillow convert('L') / convert('RGB')", () => {
  it.each(fx.cases.map((c) => [c.source.mode, c] as const))(
    '%s noise matches Pillow byte for byte',
    (_, c) => {
      const src = sourceImage(c.source)
      expect(convertL(src).data).toEqual(fromBase64(c.L))
      // Pillow's tobytes() is interleaved; ours is planar (C, H, W)
      const rgb = { width: src.width, height: src.height, channels: 3, data: fromBase64(c.RGB) }
      expect(convertRgb(src).data).toEqual(toPlanar(rgb).data)
    },
  )

  it('keeps every grey level r = g = b = v (weights sum to 2¹⁶)', () => {
    const levels = new Uint8Array(256 * 3).map((_, i) => Math.floor(i / 3))
    const out = convertL({ width: 256, height: 1, channels: 3, data: levels }).data
    expect(out).toEqual(fromBase64(fx.greyLevels))
    expect(out[200]).toBe(200)
  })

  it('rounds half up: (2,0,0) → 1 and (1,0,0) → 0, as Pillow 9.4 does', () => {
    const out = convertL({
      width: 3,
      height: 1,
      channels: 3,
      data: new Uint8Array([1, 0, 0, 2, 0, 0, 0, 0, 5]),
    })
    expect(Array.from(out.data)).toEqual([0, 1, 1])
  })

  it('LA → L keeps L; LA → RGB replicates it; RGBA → RGB drops alpha', () => {
    const la = { width: 1, height: 1, channels: 2, data: new Uint8Array([77, 0]) }
    expect(Array.from(convertL(la).data)).toEqual([77])
    expect(Array.from(convertRgb(la).data)).toEqual([77, 77, 77])
    const rgba = { width: 1, height: 1, channels: 4, data: new Uint8Array([200, 100, 50, 0]) }
    expect(Array.from(convertL(rgba).data)).toEqual([124])
    expect(Array.from(convertRgb(rgba).data)).toEqual([200, 100, 50])
  })

  it('refuses five channels and inconsistent sizes', () => {
    expect(() => convertL({ width: 1, height: 1, channels: 5, data: new Uint8Array(5) })).toThrow(
      ImagingError,
    )
    expect(() => convertRgb({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(
      /expected 2×2×3 = 12 bytes, got 11/,
    )
  })
})
