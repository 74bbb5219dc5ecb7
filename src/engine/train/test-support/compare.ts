import { readFileSync } from 'node:fs'

/**
 * Test helpers for the losses, optimizers and training-step suites: read a JSON fixture written by
 * tools/torch/gen_loss_optim_fixtures.py and compare numbers with explicit tolerances.
 */

/** Parses a fixture file given relative to the calling test's `import.meta.url`. */
export function readFixture<T>(relative: string, base: string): T {
  return JSON.parse(readFileSync(new URL(relative, base), 'utf8')) as T
}

/** Throws with the first offending index when actual and expected differ beyond atol + rtol·|e|. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
  label: string,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length} ≠ expected ${expected.length}`)
  }
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!
    const e = expected[i]!
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`${label}: index ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`)
    }
  }
}

/** The next float32 above x (x finite): the smallest possible perturbation of a float32 value. */
export function nextFloat32Up(x: number): number {
  const f = new Float32Array([x])
  const bits = new Int32Array(f.buffer)
  if (f[0] === 0) {
    bits[0] = 1
  } else if (f[0]! > 0) {
    bits[0] = bits[0]! + 1
  } else {
    bits[0] = bits[0]! - 1
  }
  return f[0]!
}
