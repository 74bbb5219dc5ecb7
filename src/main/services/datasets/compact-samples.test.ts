import { describe, expect, it } from 'vitest'
import { lcgBytes } from '../imaging/test-support/pil-fixtures'
import { preprocessRaster, type Scale } from '../imaging/preprocess'
import { compactSamples, expandSamples } from './compact-samples'

/** count samples of 3×5×4 pixels, preprocessed as the loader does. */
function samples(count: number, scale: Scale): Float32Array {
  const x = new Float32Array(count * 60)
  for (let s = 0; s < count; s++) {
    const img = { width: 4, height: 5, channels: 3, data: lcgBytes(s + 1, 60) }
    x.set(preprocessRaster(img, { colour: 'rgb', scale, lectureExact: true }).data, s * 60)
  }
  return x
}

describe('compact samples for the dataset cache', () => {
  it.each(['none', 'unit', 'unit-sum'] as const)('rebuilds %s samples bit for bit from bytes', (scale) => {
    const x = samples(50, scale)
    const compact = compactSamples(x, 50, scale)
    expect(compact).toBeDefined()
    expect(compact!.pixels.length).toBe(x.length)
    expect(expandSamples(compact!)).toEqual(x)
    if (scale === 'unit') expect(Array.from(compact!.divisors.subarray(0, 3))).toEqual([255, 255, 255])
  })

  it('finds each unit-sum sample’s divisor (Σv, or an equivalent one)', () => {
    const img = { width: 2, height: 1, channels: 1, data: Uint8Array.of(7, 13) }
    const x = preprocessRaster(img, { colour: 'grey', scale: 'unit-sum', lectureExact: true }).data
    const compact = compactSamples(x, 1, 'unit-sum')!
    expect(compact.divisors[0]! / 20).toBe(Math.round(compact.divisors[0]! / 20)) // a multiple of 7 + 13
    expect(expandSamples(compact)).toEqual(x)
  })

  it('refuses values that are not 8-bit pixels over a divisor', () => {
    expect(compactSamples(Float32Array.of(0.5, 0.25), 1, 'unit')).toBeUndefined() // 127.5 / 255
    expect(compactSamples(Float32Array.of(300, 2), 1, 'none')).toBeUndefined()
    expect(compactSamples(Float32Array.of(0, 0), 1, 'unit-sum')).toBeUndefined()
    expect(compactSamples(Float32Array.of(Math.PI / 10, 0.1), 1, 'unit-sum')).toBeUndefined()
  })
})
