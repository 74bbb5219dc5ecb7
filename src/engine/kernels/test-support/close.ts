import { readFileSync } from 'node:fs'
import type { Rng } from '../../init/rng'

/**
 * Helpers of the backend-independent kernel suite: fixtures, seeded random buffers and a closeness
 * check with explicit tolerances that names the first offending index.
 */

/** Parses a JSON file given relative to the calling module's `import.meta.url`. */
export function readJson<T>(relative: string, base: string): T {
  return JSON.parse(readFileSync(new URL(relative, base), 'utf8')) as T
}

export interface Tolerance {
  rtol: number
  atol: number
  /** Per-entry scale for rtol (default |expected|), e.g. Σ|a·b| of a dot product. */
  scale?: ArrayLike<number>
}

/** Passes when |actual − expected| ≤ atol + rtol·scale for every entry; equal NaNs pass. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
  label: string,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length} ≠ expected ${expected.length}`)
  }
  const { rtol, atol, scale } = tolerance
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]
    const e = expected[i]
    if (Number.isNaN(a) && Number.isNaN(e)) continue
    const bound = atol + rtol * (scale ? scale[i] : Math.abs(e))
    const error = Math.abs(a - e)
    if (!(error <= bound)) {
      throw new Error(`${label}: index ${i}: got ${a}, expected ${e}, |error| ${error} > ${bound}`)
    }
  }
}

/** float32 buffer of uniform(low, high) values from a seeded Rng. */
export function randomFloats(rng: Rng, n: number, low = -1, high = 1): Float32Array {
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) out[i] = rng.uniformRange(low, high)
  return out
}

/** Uniform integer in [low, high]. */
export function randomInt(rng: Rng, low: number, high: number): number {
  return low + rng.int(high - low + 1)
}

/** ⟨a, b⟩ in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i]
  return sum
}

/** Σ |a_i b_i| in float64: the scale of the rounding error of ⟨a, b⟩. */
export function absDot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] * b[i])
  return sum
}

/** Unit roundoff of float32 (2^−24): a float32 sum of k terms errs by at most about k·U·Σ|terms|. */
export const F32_U = 2 ** -24
