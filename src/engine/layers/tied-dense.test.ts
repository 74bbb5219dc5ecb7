import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError } from '../errors'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { ActivationLayer } from './activation'
import { DenseLayer } from './dense'
import { compare, type Encoded, type FixtureFile, load, testContext, toTensor } from './fixtures/fixture-case'
import fixture from './fixtures/tied-dense.json'
import type { Layer } from './layer'
import { TiedDenseLayer } from './tied-dense'

interface TiedCase {
  name: string
  config: { units: number; hiddenActivation: 'identity' | 'sigmoid' }
  inputShape: number[]
  x: Encoded
  params: { W: Encoded; b: Encoded; decoderB: Encoded }
  h: Encoded
  y: Encoded
  dy: Encoded
  dh: Encoded
  dx: Encoded
  grads: { W: Encoded; WEncoderUse: Encoded; WDecoderUse: Encoded; b: Encoded; decoderB: Encoded }
}
const cases = (fixture as FixtureFile<TiedCase>).cases

/** x → h = f(xW + b) → y = hWᵗ + b̃, the lecture's autoencoder with W̃ = Wᵗ. */
function autoencoder(inputs: number, units: number, hidden: 'identity' | 'sigmoid', seed = 1) {
  const encoder = new DenseLayer({ units }, testContext('enc', [inputs], seed))
  const act = new ActivationLayer({ activation: hidden }, testContext('act', [units]))
  const decoder = new TiedDenseLayer({}, testContext('dec', [units], seed + 1), encoder)
  return { encoder, act, decoder, chain: [encoder, act, decoder] as Layer[] }
}

function expectMatch(what: string, actual: Parameters<typeof compare>[0], expected: Encoded): void {
  const r = compare(actual, expected)
  expect(r.sameShape, `${what} shape`).toBe(true)
  expect(r.failures, `${what}: ${r.first}`).toBe(0)
}

describe('tied dense: PyTorch reference with one shared W (|Δ| ≤ 1e-6 + 1e-5·|expected|)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { encoder, act, decoder } = autoencoder(c.inputShape[0]!, c.config.units, c.config.hiddenActivation)
    load(encoder.weight, c.params.W)
    load(encoder.bias!, c.params.b)
    load(decoder.bias!, c.params.decoderB)
    const h = act.forward(encoder.forward(toTensor(c.x), { training: true }), { training: true })
    const y = decoder.forward(h, { training: true })
    expectMatch('h', h, c.h)
    expectMatch('y', y, c.y)

    // The decoder's backward alone puts exactly the decoder use Δᵗh into the encoder's W.grad …
    const dh = decoder.backward(toTensor(c.dy))
    expectMatch('dh', dh, c.dh)
    expectMatch('∂W (decoder use)', encoder.weight.grad, c.grads.WDecoderUse)
    expectMatch('∂b̃', decoder.bias!.grad, c.grads.decoderB)
    // … and the encoder's backward adds xᵗΔ: the two uses sum up.
    const dx = encoder.backward(act.backward(dh))
    expectMatch('dx', dx, c.dx)
    expectMatch('∂W (both uses)', encoder.weight.grad, c.grads.W)
    expectMatch('∂b', encoder.bias!.grad, c.grads.b)
  })
})

describe('tied dense: sharing', () => {
  it('owns only its bias; W is the encoder tensor itself; output = encoder inputs', () => {
    const { encoder, decoder } = autoencoder(784, 100, 'sigmoid')
    expect(decoder.parameters().map((p) => [p.name, p.value.shape])).toEqual([['dec.b', [784]]])
    expect(decoder.weight).toBe(encoder.weight)
    expect(decoder.inputShape).toEqual([100])
    expect(decoder.outputShape).toEqual([784])
    // an update of the encoder's W is seen by the decoder at once
    const h = randomTensor([1, 100], 3)
    const before = decoder.forward(h, { training: false }).data[0]!
    encoder.weight.value.data[0] += 1 // W[0][0]: y₀ gains h₀
    const after = decoder.forward(h, { training: false }).data[0]!
    expect(after - before).toBeCloseTo(h.data[0]!, 5)
  })

  it('refuses an input that is not the encoder output', () => {
    const encoder = new DenseLayer({ units: 30 }, testContext('enc1', [64]))
    expect(() => new TiedDenseLayer({}, testContext('dec1', [20]), encoder)).toThrow(SpecError)
    expect(() => new TiedDenseLayer({}, testContext('dec1', [20]), encoder)).toThrow(
      "tied-dense 'dec1': is tied to dense 'enc1' (W 64 × 30) so it expects a per-sample input (30), got (20)",
    )
  })
})

describe('tied dense: central differences (eps 1e-2, |Δ| ≤ 1e-3 + 1e-2·|g|)', () => {
  it.each([
    ['linear 8 → 5 → 8, batch 3', 8, 5, 'identity', 3],
    ['sigmoid 12 → 4 → 12, batch 2', 12, 4, 'sigmoid', 2],
  ] as const)('whole autoencoder %s: the numeric ∂W counts both uses', (_name, inputs, units, hidden, n) => {
    const { chain } = autoencoder(inputs, units, hidden, 61)
    const report = gradCheck(chain, randomTensor([n, inputs], 62))
    expect(report.passed, report.summary).toBe(true)
    expect(report.entries.map((e) => e.name)).toEqual(['input', 'enc.W', 'enc.b', 'dec.b'])
    for (const e of report.entries) expect(e.maxAbsError).toBeLessThan(1e-4) // observed ≤ 7e-6
  })

  it('decoder alone, with the shared W as an extra parameter', () => {
    const { encoder, decoder } = autoencoder(9, 6, 'identity', 63)
    const report = gradCheck(decoder, randomTensor([2, 6], 64), { extraParameters: [encoder.weight] })
    expect(report.passed, report.summary).toBe(true)
    expect(report.entries.map((e) => e.name)).toEqual(['input', 'dec.b', 'enc.W'])
  })
})
