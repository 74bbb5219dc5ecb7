/**
 * Preprocessed samples stored as their 8-bit pixels and one divisor per sample, 4× smaller than
 * float32, for the dataset cache. Every scale the preprocessing knows divides 8-bit values once in
 * float64 and rounds to float32 (imaging/preprocess.ts):
 *   none      x = v          (divisor 1)
 *   unit      x = v / 255    (divisor 255)
 *   unit-sum  x = v / Σv     (divisor Σv of the sample)
 * so x is rebuilt bit for bit as Float32(v / d). The divisor of a unit-sum sample is found again from
 * the floats (for the largest value m = v/Σv and k = 1 … 255, try Σv = round(k / m)); any divisor that
 * rebuilds every value exactly will do. Compaction is checked value by value and refused (undefined)
 * unless the rebuild is exact, so it can never change a number.
 */
import type { Scale } from '../imaging/preprocess'

export interface CompactSamples {
  /** (count, sampleSize) 8-bit values. */
  readonly pixels: Uint8Array
  /** One per sample. */
  readonly divisors: Uint32Array
}

export function compactSamples(x: Float32Array, count: number, scale: Scale): CompactSamples | undefined {
  const size = count > 0 ? x.length / count : 0
  const pixels = new Uint8Array(x.length)
  const divisors = new Uint32Array(count)
  for (let s = 0; s < count; s++) {
    const sample = x.subarray(s * size, (s + 1) * size)
    const out = pixels.subarray(s * size, (s + 1) * size)
    const d = scale === 'none' ? 1 : scale === 'unit' ? 255 : findSum(sample)
    if (d === undefined || !rebuild(sample, d, out)) return undefined
    divisors[s] = d
  }
  return { pixels, divisors }
}

export function expandSamples({ pixels, divisors }: CompactSamples): Float32Array {
  const count = divisors.length
  const size = count > 0 ? pixels.length / count : 0
  const x = new Float32Array(pixels.length)
  for (let s = 0; s < count; s++) {
    const d = divisors[s]!
    for (let i = s * size; i < (s + 1) * size; i++) x[i] = pixels[i]! / d
  }
  return x
}

/** Writes v = round(x·d) into out; false unless every Float32(v / d) is x exactly. */
function rebuild(sample: Float32Array, d: number, out: Uint8Array): boolean {
  for (let i = 0; i < sample.length; i++) {
    if (!fits(sample[i]!, d)) return false
    out[i] = Math.round(sample[i]! * d)
  }
  return true
}

function findSum(sample: Float32Array): number | undefined {
  const nonzero: number[] = [] // zeros rebuild under any divisor: only these tell divisors apart
  let max = 0
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) nonzero.push(i)
    max = Math.max(max, sample[i]!)
  }
  if (!(max > 0)) return undefined
  for (let k = 1; k <= 255; k++) {
    const d = Math.round(k / max)
    if (d >= 1 && d <= 0xffffffff && nonzero.every((i) => fits(sample[i]!, d))) return d
  }
  return undefined
}

function fits(x: number, d: number): boolean {
  const v = Math.round(x * d)
  return v >= 0 && v <= 255 && Math.fround(v / d) === x
}
