import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { ShapeError, SpecError } from '../errors'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { compare, type FixtureFile, type LayerCase, testContext, toTensor } from './fixtures/fixture-case'
import fixture from './fixtures/reshape.json'
import { FlattenLayer } from './flatten'

const cases = (fixture as FixtureFile<LayerCase & { layer: string }>).cases.filter(
  (c) => c.layer === 'flatten',
)

describe('flatten: PyTorch torch.flatten(x, 1) order (exact)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = new FlattenLayer({}, testContext('flat', c.inputShape))
    const y = layer.forward(toTensor(c.x), { training: true })
    const dx = layer.backward(toTensor(c.dy))
    for (const [what, actual, expected] of [
      ['y', y, c.y],
      ['dx', dx, c.dx],
    ] as const) {
      const r = compare(actual, expected, 0, 0)
      expect(r.sameShape, `${what} shape`).toBe(true)
      expect(r.failures, `${what}: ${r.first}`).toBe(0)
    }
  })
})

describe('flatten', () => {
  it('turns LeNet-5 feature maps (16, 5, 5) into 400 features without copying', () => {
    const layer = new FlattenLayer({}, testContext('flat', [16, 5, 5]))
    expect(layer.outputShape).toEqual([400])
    const x = randomTensor([2, 16, 5, 5], 1)
    const y = layer.forward(x, { training: false })
    expect(y.shape).toEqual([2, 400])
    expect(y.data).toBe(x.data)
    expect(layer.parameters()).toEqual([])
  })

  it('passes central differences (y holds x itself)', () => {
    const report = gradCheck(
      new FlattenLayer({}, testContext('flat', [2, 3, 2])),
      randomTensor([2, 2, 3, 2], 2),
    )
    expect(report.passed, report.summary).toBe(true)
    expect(report.entries[0]!.maxAbsError).toBeLessThan(1e-5)
  })

  it('rejects an empty per-sample shape and a wrong batch', () => {
    expect(() => new FlattenLayer({}, testContext('f1', []))).toThrow(SpecError)
    const layer = new FlattenLayer({}, testContext('f1', [2, 3]))
    expect(() => layer.forward(randomTensor([4, 6], 1), { training: false })).toThrow(
      "flatten 'f1': input must be (N, 2, 3) with N ≥ 1, got (4, 6)",
    )
    expect(() => layer.backward(randomTensor([4, 6], 1))).toThrow(ShapeError)
  })
})
