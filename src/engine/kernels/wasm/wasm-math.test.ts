import { describe, expect, it } from 'vitest'
import { Rng } from '../../init/rng'
import { loadWasmForTests } from './test-support/load-wasm'

/**
 * The float32 e^x of the WebAssembly activations (assembly/math/exp.ts) and the activations built
 * on it, against Math.exp / Math.tanh rounded to float32. Distances are counted in units in the last
 * place (ulp) of float32: consecutive float32 values of the same sign are consecutive integers when
 * their bits are read as int32.
 */
const { exports, kernels } = await loadWasmForTests({ activate: false })

const bits = new Int32Array(2)
const floats = new Float32Array(bits.buffer)
function ulps(a: number, b: number): number {
  floats[0] = a
  floats[1] = b
  return Math.abs(bits[0] - bits[1])
}

function worstUlps(
  xs: Float32Array,
  got: (x: number) => number,
  want: (x: number) => number,
): { ulps: number; x: number } {
  let worst = { ulps: 0, x: 0 }
  for (const x of xs) {
    const d = ulps(got(x), Math.fround(want(x)))
    if (d > worst.ulps) worst = { ulps: d, x }
  }
  return worst
}

function uniform(rng: Rng, n: number, low: number, high: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniformRange(low, high))
}

describe('expf (float32 e^x in wasm)', () => {
  const rng = new Rng(7007)

  it('is within 1 ulp of the correctly rounded e^x over the normal range [−87.3, 88.7]', () => {
    const xs = uniform(rng, 200_000, -87.33, 88.72)
    expect(worstUlps(xs, exports.expf, Math.exp).ulps).toBeLessThanOrEqual(1)
  })

  it('is within 1 ulp near 0 and on [−1, 1], and exact at 0', () => {
    expect(worstUlps(uniform(rng, 100_000, -1, 1), exports.expf, Math.exp).ulps).toBeLessThanOrEqual(1)
    expect(worstUlps(uniform(rng, 10_000, -1e-6, 1e-6), exports.expf, Math.exp).ulps).toBeLessThanOrEqual(1)
    expect(exports.expf(0)).toBe(1)
  })

  it('computes subnormal results (−103.9 < x < −87.3) within 1 ulp, and flushes to 0 below', () => {
    expect(worstUlps(uniform(rng, 50_000, -103.9, -87.34), exports.expf, Math.exp).ulps).toBeLessThanOrEqual(
      1,
    )
    expect(exports.expf(-104)).toBe(0)
    expect(exports.expf(-1000)).toBe(0)
    expect(exports.expf(-Infinity)).toBe(0)
  })

  it('overflows to +∞ exactly where float32 does, and keeps NaN', () => {
    const largest = Math.fround(88.72) // e^x ≈ 3.39e38, just below the largest float32
    expect(ulps(exports.expf(largest), Math.fround(Math.exp(largest)))).toBeLessThanOrEqual(1)
    expect(exports.expf(88.73)).toBe(Infinity) // e^88.73 > 3.4028235e38
    expect(exports.expf(Infinity)).toBe(Infinity)
    expect(exports.expf(Number.NaN)).toBeNaN()
  })
})

describe('activations built on expf', () => {
  const rng = new Rng(7008)
  const n = 100_003 // odd: the vector loop and the one-lane tail both run
  const apply = (
    kernel: (y: Float32Array, x: Float32Array, n: number) => void,
    xs: Float32Array,
  ): Float32Array => {
    const y = new Float32Array(xs.length)
    kernel(y, xs, xs.length)
    return y
  }

  it('sigmoid is within 2 ulp of 1/(1 + e^−x) on [−80, 80] (relative accuracy also for x ≪ 0)', () => {
    const xs = uniform(rng, n, -80, 80)
    const y = apply(kernels.sigmoidForward, xs)
    let worst = 0
    xs.forEach((x, i) => (worst = Math.max(worst, ulps(y[i], Math.fround(1 / (1 + Math.exp(-x)))))))
    expect(worst).toBeLessThanOrEqual(2)
  })

  it('tanh is within 3 ulp of Math.tanh on [−10, 10] and on the small-|x| polynomial branch', () => {
    for (const [low, high] of [
      [-10, 10],
      [-0.7, 0.7],
      [-1e-3, 1e-3],
    ]) {
      const xs = uniform(rng, n, low, high)
      const y = apply(kernels.tanhForward, xs)
      let worst = 0
      xs.forEach((x, i) => (worst = Math.max(worst, ulps(y[i], Math.fround(Math.tanh(x))))))
      expect(worst, `tanh on [${low}, ${high}]`).toBeLessThanOrEqual(3)
    }
  })
})
