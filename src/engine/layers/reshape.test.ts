import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { ShapeError, SpecError } from '../errors'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { compare, type FixtureFile, type LayerCase, testContext, toTensor } from './fixtures/fixture-case'
import fixture from './fixtures/reshape.json'
import { ReshapeLayer, type ReshapeConfig } from './reshape'

const cases = (fixture as FixtureFile<LayerCase<ReshapeConfig> & { layer: string }>).cases.filter(
  (c) => c.layer === 'reshape',
)

describe('reshape: PyTorch x.reshape order (exact)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = new ReshapeLayer(c.config, testContext('rs', c.inputShape))
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

describe('reshape', () => {
  it('turns the lecture MNIST rows of 784 pixels into (1, 28, 28) images', () => {
    const layer = new ReshapeLayer({ shape: [1, 28, 28] }, testContext('img', [784]))
    expect(layer.outputShape).toEqual([1, 28, 28])
    const x = randomTensor([3, 784], 1)
    const y = layer.forward(x, { training: false })
    expect(y.shape).toEqual([3, 1, 28, 28])
    expect(y.data).toBe(x.data)
    expect(layer.backward(y).shape).toEqual([3, 784])
  })

  it('passes central differences', () => {
    const layer = new ReshapeLayer({ shape: [3, 4] }, testContext('rs', [2, 6]))
    const report = gradCheck(layer, randomTensor([2, 2, 6], 3))
    expect(report.passed, report.summary).toBe(true)
  })

  it('checks that the sizes match, naming both', () => {
    expect(() => new ReshapeLayer({ shape: [4, 7, 7] }, testContext('r1', [1, 28, 28]))).toThrow(
      "reshape 'r1': target (4, 7, 7) holds 4·7·7 = 196 values but the input (1, 28, 28) holds 784; " +
        'choose a shape whose product is 784',
    )
    expect(() => new ReshapeLayer({ shape: [0, 3] }, testContext('r1', [6]))).toThrow(SpecError)
    expect(() => new ReshapeLayer({ shape: [] }, testContext('r1', [6]))).toThrow(SpecError)
    const layer = new ReshapeLayer({ shape: [2, 3] }, testContext('r1', [6]))
    expect(() => layer.backward(randomTensor([1, 2, 3], 1))).toThrow(ShapeError)
  })
})
