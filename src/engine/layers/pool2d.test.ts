import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError } from '../errors'
import { Rng } from '../init/rng'
import { Tensor, tensor } from '../tensor/tensor'
import { shapeSize } from '../tensor/shape'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { compare, type FixtureFile, type LayerCase, testContext, toTensor } from './fixtures/fixture-case'
import fixture from './fixtures/pool2d.json'
import { Pool2dLayer, type Pool2dConfig } from './pool2d'

const cases = (fixture as FixtureFile<LayerCase<Pool2dConfig>>).cases

describe('pool2d: PyTorch reference (|Δ| ≤ 1e-6 + 1e-5·|expected|)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = new Pool2dLayer(c.config, testContext('pool', c.inputShape))
    const y = layer.forward(toTensor(c.x), { training: true })
    const dx = layer.backward(toTensor(c.dy))
    for (const [what, actual, expected] of [
      ['y', y, c.y],
      ['dx', dx, c.dx],
    ] as const) {
      const r = compare(actual, expected)
      expect(r.sameShape, `${what} shape`).toBe(true)
      expect(r.failures, `${what}: ${r.first}`).toBe(0)
    }
  })
})

describe('pool2d: the lecture max-pooling examples (transforms ④–⑤)', () => {
  it('2×2 stride 2 on 4×4 → [[6,8],[14,16]]; Δ returns to the remembered maxima', () => {
    const layer = new Pool2dLayer({ mode: 'max', size: 2, stride: 2 }, testContext('pool1', [1, 4, 4]))
    const y = layer.forward(
      tensor(
        Array.from({ length: 16 }, (_, i) => i + 1),
        [1, 1, 4, 4],
      ),
      { training: true },
    )
    expect(Array.from(y.data)).toEqual([6, 8, 14, 16])
    const dx = layer.backward(tensor([1, 2, 3, 4], [1, 1, 2, 2]))
    expect(Array.from(dx.data)).toEqual([0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4])
  })

  it('2×2 stride 2 on the 8×8 example', () => {
    const input = [
      [22, 27, 26, 68, 64, 39, 38, 72],
      [16, 84, 29, 4, 10, 47, 25, 3],
      [37, 66, 7, 89, 49, 72, 81, 24],
      [83, 67, 61, 70, 95, 88, 43, 48],
      [54, 70, 0, 49, 54, 34, 29, 92],
      [10, 97, 25, 1, 67, 43, 10, 67],
      [61, 66, 59, 16, 54, 85, 58, 17],
      [29, 32, 87, 63, 37, 15, 8, 44],
    ]
    const layer = new Pool2dLayer({ mode: 'max', size: 2 }, testContext('pool1', [1, 8, 8]))
    const y = layer.forward(tensor(input.flat(), [1, 1, 8, 8]), { training: false })
    expect(Array.from(y.data)).toEqual([84, 68, 64, 72, 83, 89, 95, 81, 97, 49, 67, 92, 66, 87, 85, 58])
  })
})

/** Values spread ≥ 0.05 apart (a shuffled ramp), so no max-pool tie or |x| kink lies within eps = 1e-2. */
function separated(shape: number[], seed: number): Tensor {
  const n = shapeSize(shape)
  const order = Array.from({ length: n }, (_, i) => i)
  new Rng(seed).shuffle(order)
  return new Tensor(
    Float32Array.from(order, (k) => (k - n / 2 + 0.5) * 0.05),
    shape,
  )
}

describe('pool2d: central differences (eps 1e-2, |Δ| ≤ 1e-3 + 1e-2·|g|)', () => {
  it.each([
    ['max 2×2 stride 2', { mode: 'max', size: 2 }, [2, 6, 6], 2],
    ['max 3×3 stride 2 padding 1', { mode: 'max', size: 3, stride: 2, padding: 1 }, [1, 7, 7], 2],
    ['max 3×3 stride 1 (overlapping)', { mode: 'max', size: 3, stride: 1 }, [2, 5, 5], 1],
    ['avg 2×2 stride 2', { mode: 'avg', size: 2 }, [3, 4, 6], 2],
    [
      'avg [3,2] stride [2,2] padding [1,1]',
      { mode: 'avg', size: [3, 2], stride: 2, padding: 1 },
      [2, 7, 6],
      1,
    ],
    ['lp p=1', { mode: 'lp', size: 2, p: 1 }, [2, 4, 4], 2],
    ['lp p=2', { mode: 'lp', size: 2, p: 2 }, [2, 4, 4], 2],
    ['lp p=3, 3×3 stride 2', { mode: 'lp', size: 3, stride: 2, p: 3 }, [2, 7, 7], 1],
  ] as const)('%s', (_name, config, inputShape, n) => {
    const layer = new Pool2dLayer(config, testContext('pool', inputShape))
    const report = gradCheck(layer, separated([n, ...inputShape], 41))
    expect(report.passed, report.summary).toBe(true)
    // float32 rounding / 2e-2 step plus eps² truncation: observed ≤ 1.4e-5 (lp, p = 3)
    expect(report.entries[0]!.maxAbsError).toBeLessThan(1e-4)
  })
})

describe('pool2d: geometry and errors', () => {
  it('defaults the stride to the window (non-overlapping, as in the lecture)', () => {
    const layer = new Pool2dLayer({ mode: 'max', size: 2 }, testContext('p', [6, 28, 28]))
    expect(layer.outputShape).toEqual([6, 14, 14])
    expect(layer.parameters()).toEqual([])
  })

  it('works batch after batch with different batch sizes', () => {
    const layer = new Pool2dLayer({ mode: 'max', size: 2 }, testContext('p', [2, 4, 4]))
    const big = randomTensor([3, 2, 4, 4], 3)
    const whole = layer.forward(big, { training: true })
    const one = layer.forward(new Tensor(big.data.slice(32, 64), [1, 2, 4, 4]), { training: true })
    expect(Array.from(one.data)).toEqual(Array.from(whole.data.subarray(8, 16)))
    const dx = layer.backward(tensor(new Array(8).fill(1), [1, 2, 2, 2]))
    expect(dx.data.reduce((s, v) => s + v, 0)).toBe(8)
  })

  it('names the layer, the formula and the numbers', () => {
    expect(() => new Pool2dLayer({ mode: 'max', size: 2 }, testContext('p2', [6, 7, 8]))).toThrow(
      "pool2d 'p2': output height (7 − 2 + 2·0)/2 + 1 = 3.5 is not an integer; change stride or padding",
    )
    expect(() => new Pool2dLayer({ mode: 'lp', size: 2, padding: 1 }, testContext('p', [1, 6, 6]))).toThrow(
      "pool2d 'p': Lp pooling takes no padding, got [1, 1]; set padding 0",
    )
    expect(() => new Pool2dLayer({ mode: 'lp', size: 2, p: 0.5 }, testContext('p', [1, 6, 6]))).toThrow(
      "pool2d 'p': Lp pooling needs a finite p ≥ 1, got p = 0.5",
    )
    expect(
      () => new Pool2dLayer({ mode: 'max', size: 2, stride: 1, padding: 2 }, testContext('p', [1, 6, 6])),
    ).toThrow("pool2d 'p': height padding 2 is more than half the window 2")
    expect(() => new Pool2dLayer({ mode: 'median' as 'max', size: 2 }, testContext('p', [1, 6, 6]))).toThrow(
      SpecError,
    )
    expect(() => new Pool2dLayer({ mode: 'max', size: 2 }, testContext('p', [36]))).toThrow(SpecError)
  })
})
