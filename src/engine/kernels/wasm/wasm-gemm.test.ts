import { describe, expect, it } from 'vitest'
import { Rng } from '../../init/rng'
import { expectClose, randomFloats } from '../test-support/close'
import { gemmReference } from '../test-support/reference'
import { loadWasmForTests } from './test-support/load-wasm'

/**
 * The WebAssembly GEMM's own paths, beyond the shared suite's sizes: blocks of C rows (MC = 128),
 * inner dimension (KC = 256) and C columns (NC = 1024) crossed in one product; the few-rows path
 * (m ≤ 8) that reads B in place (no transpose) or takes dot products (B transposed); the 3-, 2- and
 * 1-row kernels (m mod 4); m = 1 (a streamed vector-matrix product) and n = 1, where a transpose flag
 * changes nothing in memory; k = 1 (an outer product); accumulation over several k-blocks. Each entry against the float64 definition, within
 * 1e−5 · Σ_p |A_ip B_pj| (float32 rounding of a k-term sum stays far below that for these k).
 */
const { kernels } = await loadWasmForTests({ activate: false })
const COMBOS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
]

function check(
  rng: Rng,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  const a = randomFloats(rng, m * k)
  const b = randomFloats(rng, k * n)
  const c0 = randomFloats(rng, m * n)
  const c = accumulate ? c0.slice() : new Float32Array(m * n).fill(Number.NaN)
  kernels.gemm(c, a, b, m, n, k, transA, transB, accumulate)
  const ref = gemmReference(a, b, m, n, k, transA, transB)
  const expected = accumulate ? ref.value.map((v, i) => v + c0[i]) : ref.value
  const scale = accumulate ? ref.scale.map((s, i) => s + Math.abs(c0[i])) : ref.scale
  expectClose(
    c,
    expected,
    { rtol: 1e-5, atol: 1e-30, scale },
    `C (${m}×${n}×${k}, transA ${transA}, transB ${transB})`,
  )
  // C started as NaN when not accumulating: every entry must have been written.
  expect(c.every(Number.isFinite)).toBe(true)
}

describe('wasm gemm: blocking and special paths', () => {
  const rng = new Rng(5005)

  for (const [transA, transB] of COMBOS) {
    it(`crosses the MC, KC and NC blocks at once: 130×1030×260, transA ${transA}, transB ${transB}`, () => {
      check(rng, 130, 1030, 260, transA, transB, false)
    })
  }

  it('accumulates over three k-blocks (k = 600) in all four combinations', () => {
    for (const [transA, transB] of COMBOS) check(rng, 9, 21, 600, transA, transB, true)
  })

  it('few rows: m = 1 … 8 with odd n, B read in place or through dot products', () => {
    for (let m = 1; m <= 8; m++) {
      for (const [transA, transB] of COMBOS) check(rng, m, 13 + m, 37 + 2 * m, transA, transB, m % 2 === 0)
    }
  })

  it('dot products with k not a multiple of 4 and n not a multiple of 4 (m ≤ 8, B transposed)', () => {
    check(rng, 3, 7, 1031, false, true, false)
    check(rng, 8, 5, 3, false, true, true)
  })

  it('m = 1 and n = 1: a transpose flag on a vector changes nothing in memory', () => {
    for (const [transA, transB] of COMBOS) {
      check(rng, 1, 300, 129, transA, transB, false)
      check(rng, 300, 1, 129, transA, transB, true)
      check(rng, 1, 1, 1000, transA, transB, false)
    }
  })

  it('k = 1, the outer product of the per-sample weight gradient, in all combinations', () => {
    for (const [transA, transB] of COMBOS) {
      check(rng, 256, 131, 1, transA, transB, true)
      check(rng, 7, 3, 1, transA, transB, false)
    }
  })

  it('row strips ending in 1, 2 or 3 rows (the one-row kernel and the zero-padded 4-row kernel)', () => {
    for (const m of [13, 14, 15, 129, 130, 131]) check(rng, m, 19, 40, false, false, false)
  })

  it('LeNet-5 shapes: conv forward, ∂F, ∂X′ and the dense layers at batch 64 and 1', () => {
    check(rng, 6, 784, 25, false, false, false)
    check(rng, 6, 25, 784, false, true, true)
    check(rng, 16, 100, 150, false, false, false)
    check(rng, 16, 150, 100, false, true, true)
    check(rng, 150, 100, 16, true, false, false)
    check(rng, 64, 120, 400, false, false, false)
    check(rng, 400, 120, 64, true, false, true)
    check(rng, 64, 400, 120, false, true, false)
    check(rng, 1, 120, 400, false, false, false)
    check(rng, 1, 400, 120, false, true, false)
  })
})
