import { describe, expect, it } from 'vitest'
import { pillowResize, type ResampleFilter } from './pillow-resize'
import { ImagingError, toInterleaved, toPlanar } from './raster'
import { fromBase64, readFixture, sourceImage, type SourceSpec } from './test-support/pil-fixtures'

interface ResizeFixture {
  pillow: string
  defaultIsBicubic: boolean
  cases: { source: SourceSpec; width: number; height: number; filter: ResampleFilter; out: string }[]
}

const fx = readFixture<ResizeFixture>('pil-resize.json')
const label = (c: ResizeFixture['cases'][number]) =>
  `${c.filter} ${c.source.mode} ${c.source.kind}#${c.source.seed} ${c.source.width}×${c.source.height} → ${c.width}×${c.height}`

describe(`Pillow resize (fixtures from Pillow ${fx.pillow})`, () => {
  it('the lecture’s resize((s, s)) without a filter is bicubic in that Pillow', () => {
    expect(fx.defaultIsBicubic).toBe(true)
  })

  it.each(fx.cases.map((c) => [label(c), c] as const))('%s: every byte equal', (_, c) => {
    const src = toPlanar(sourceImage(c.source))
    const out = pillowResize(src, c.width, c.height, c.filter)
    expect(out.width).toBe(c.width)
    expect(out.height).toBe(c.height)
    expect(toInterleaved(out).data).toEqual(fromBase64(c.out))
  })

  it('a 1×1 image upscaled stays flat; a flat image stays flat under bicubic overshoot', () => {
    const one = pillowResize({ width: 1, height: 1, channels: 1, data: new Uint8Array([173]) }, 3, 2)
    expect(Array.from(one.data)).toEqual([173, 173, 173, 173, 173, 173])
    const flat = pillowResize({ width: 9, height: 5, channels: 2, data: new Uint8Array(90).fill(255) }, 4, 7)
    expect(flat.data.every((v) => v === 255)).toBe(true)
  })

  it('refuses a non-integer or empty target size', () => {
    const src = { width: 2, height: 2, channels: 1, data: new Uint8Array(4) }
    expect(() => pillowResize(src, 0, 3)).toThrow(ImagingError)
    expect(() => pillowResize(src, 2.5, 3)).toThrow(/positive integers, got 2.5×3/)
  })
})
