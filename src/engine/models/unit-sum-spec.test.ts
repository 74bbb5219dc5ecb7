import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError } from '../errors'
import { UnitSumLayer } from '../layers/unit-sum'
import { tensor } from '../tensor/tensor'
import { buildModel } from './build-model'
import { inferShapes } from './shape-inference'
import { parseModelSpec } from './spec'

/** AE.py (実習②) with hunit_num = 32, its normalisation written out as a layer. */
const aePy = {
  format: 'dllab.model/1',
  input: { features: 196 },
  layers: [
    { type: 'dense', name: 'hunit', units: 32 },
    { type: 'unit-sum', name: 'hunit-sum', backward: 'identity' },
    { type: 'dense', name: 'outunit', units: 196 },
  ],
}

describe('model spec layer type unit-sum', () => {
  it('defaults to mode softmax and backward exact; unnamed it is unit-sum1', () => {
    const parsed = parseModelSpec({
      format: 'dllab.model/1',
      input: { features: 4 },
      layers: [{ type: 'unit-sum' }],
    })
    expect(parsed.layers[0]).toEqual({
      type: 'unit-sum',
      name: 'unit-sum1',
      mode: 'softmax',
      backward: 'exact',
    })
    expect(parseModelSpec(aePy).layers[1]).toEqual({
      type: 'unit-sum',
      name: 'hunit-sum',
      mode: 'softmax',
      backward: 'identity',
    })
  })

  it('keeps the shape and owns no parameters: AE.py 196-32-196 has 6,304 + 6,468 = 12,772', () => {
    const summary = inferShapes(aePy)
    expect(summary.layers.map((l) => [l.name, [...l.outputShape], l.parameters])).toEqual([
      ['hunit', [32], 196 * 32 + 32],
      ['hunit-sum', [32], 0],
      ['outunit', [196], 32 * 196 + 196],
    ])
    expect(summary.totalParameters).toBe(12772)
  })

  it('needs a flat input and a known mode', () => {
    const image = {
      format: 'dllab.model/1',
      input: { channels: 1, height: 2, width: 2 },
      layers: [{ type: 'unit-sum', name: 'norm' }],
    }
    expect(() => inferShapes(image)).toThrow(
      "unit-sum 'norm' needs a flat input but gets (1, 2, 2); add a flatten layer before it",
    )
    const badMode = { ...aePy, layers: [{ type: 'unit-sum', name: 'norm', mode: 'max' }] }
    expect(() => parseModelSpec(badMode)).toThrow(SpecError)
    expect(() => parseModelSpec(badMode)).toThrow('mode must be one of softmax, divide')
  })

  it('builds a UnitSumLayer whose rows sum to 1 and whose identity backward passes ∂y through', () => {
    const model = buildModel(aePy, { seed: 3 })
    expect(model.layers.map((l) => l.name)).toEqual(['hunit', 'hunit-sum', 'outunit'])
    const layer = model.layers[1]!
    expect(layer).toBeInstanceOf(UnitSumLayer)
    expect((layer as UnitSumLayer).config).toEqual({ mode: 'softmax', backward: 'identity' })
    const x = tensor(
      Array.from({ length: 2 * 196 }, (_, i) => ((i * 37) % 101) / 5000),
      [2, 196],
    )
    const h = model.trace(x, { training: false }).find((o) => o.layer.name === 'hunit-sum')!.output
    for (const r of [0, 1]) {
      const sum = h.data.subarray(r * 32, r * 32 + 32).reduce((s, v) => s + v, 0)
      expect(Math.abs(sum - 1)).toBeLessThan(1e-6)
    }
    const dy = tensor(
      Array.from({ length: 32 }, (_, i) => i / 32 - 0.5),
      [1, 32],
    )
    layer.forward(
      tensor(
        Array.from({ length: 32 }, (_, i) => i / 100),
        [1, 32],
      ),
      { training: true },
    )
    expect(layer.backward(dy)).toBe(dy)
  })

  it('the same seed draws the same weights with or without the parameter-free unit-sum layer', () => {
    const plain = { ...aePy, layers: [aePy.layers[0], aePy.layers[2]] }
    const a = buildModel(aePy, { seed: 11 }).stateDict()
    const b = buildModel(plain, { seed: 11 }).stateDict()
    expect(Object.keys(a)).toEqual(['hunit.W', 'hunit.b', 'outunit.W', 'outunit.b'])
    for (const key of Object.keys(a)) expect(Array.from(a[key]!.data)).toEqual(Array.from(b[key]!.data))
  })
})
