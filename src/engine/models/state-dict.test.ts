import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { EngineError, ShapeError } from '../errors'
import { npzToStateDict, stateDictToNpz } from '../io/state-dict'
import { Tensor } from '../tensor/tensor'
import { randomTensor } from '../test-support/gradcheck'
import { buildModel } from './build-model'
import type { Model } from './model'
import { leNet5Spec, tiedAutoencoderSpec } from './test-support/lecture-specs'

/** All weights as one byte string: equal bytes = bit-identical weights (compared in O(n), not deep-equal). */
const bytesOf = (m: Model): Buffer =>
  Buffer.concat(
    Object.values(m.stateDict()).map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)),
  )

describe('stateDict / loadStateDict', () => {
  it('round-trips LeNet-5 weights: a model of another seed computes exactly the same outputs', () => {
    const a = buildModel(leNet5Spec, { seed: 1 })
    const b = buildModel(leNet5Spec, { seed: 2 })
    const x = randomTensor([2, 1, 28, 28], 4, 0, 1)
    const ya = a.forward(x, { training: false }).data.slice()
    expect(b.forward(x, { training: false }).data).not.toEqual(ya)
    const result = b.loadStateDict(a.stateDict())
    expect(result.loaded).toHaveLength(10)
    expect(result.missing).toEqual([])
    expect(result.unexpected).toEqual([])
    expect(b.forward(x, { training: false }).data).toEqual(ya)
  })

  it('returns copies: changing the dict leaves the model alone', () => {
    const model = buildModel(tiedAutoencoderSpec, { seed: 1 })
    const dict = model.stateDict()
    expect(Object.keys(dict)).toEqual(['encoder.W', 'encoder.b', 'decoder.b'])
    expect(dict['encoder.W']!.shape).toEqual([784, 100])
    const before = model.parameters()[0]!.value.data[0]
    dict['encoder.W']!.data[0] = 99
    expect(model.parameters()[0]!.value.data[0]).toBe(before)
  })

  it('loads into the existing tensors, so the tied decoder sees the new W', () => {
    const a = buildModel(tiedAutoencoderSpec, { seed: 1 })
    const b = buildModel(tiedAutoencoderSpec, { seed: 2 })
    const w = b.parameters()[0]!.value
    b.loadStateDict(a.stateDict())
    expect(b.parameters()[0]!.value).toBe(w)
    const x = randomTensor([1, 784], 3, 0, 1)
    expect(b.forward(x, { training: false }).data).toEqual(a.forward(x, { training: false }).data)
  })

  it('round-trips through an npz file (float32, keys = parameter names)', () => {
    const a = buildModel(leNet5Spec, { seed: 5 })
    const dict = Object.fromEntries(
      Object.entries(a.stateDict()).map(([k, t]) => [k, { shape: [...t.shape], data: t.data }]),
    )
    const bytes = stateDictToNpz(dict, { seed: 5 })
    const loaded = npzToStateDict(bytes)
    expect(loaded.meta).toEqual({ seed: 5 })
    const b = buildModel(leNet5Spec, { seed: 6 })
    b.loadStateDict(loaded.tensors)
    expect(bytesOf(b).equals(bytesOf(a))).toBe(true)
  })

  it('strict: lists every missing and unexpected key, and writes nothing', () => {
    const model = buildModel(tiedAutoencoderSpec, { seed: 1 })
    const before = bytesOf(model)
    const dict = model.stateDict()
    const foreign = buildModel(tiedAutoencoderSpec, { seed: 9 }).stateDict()
    delete dict['decoder.b']
    dict['encoder.W'] = foreign['encoder.W']!
    dict['fc9.W'] = new Tensor(new Float32Array(2), [2])
    expect(() => model.loadStateDict(dict)).toThrow(
      new EngineError(
        "model 'Autoencoder 784-100-784 (tied)': the weights do not match the model's parameters: missing " +
          "'decoder.b'; unexpected 'fc9.W'. Was the file saved from another architecture? Load with strict: " +
          'false to take only the matching keys',
      ),
    )
    expect(bytesOf(model).equals(before)).toBe(true)
  })

  it('non-strict: loads the matching keys and reports the rest', () => {
    const model = buildModel(tiedAutoencoderSpec, { seed: 1 })
    const other = buildModel(tiedAutoencoderSpec, { seed: 2 }).stateDict()
    const result = model.loadStateDict(
      new Map([
        ['encoder.W', other['encoder.W']!],
        ['extra', other['decoder.b']!],
      ]),
      { strict: false },
    )
    expect(result).toEqual({
      loaded: ['encoder.W'],
      missing: ['encoder.b', 'decoder.b'],
      unexpected: ['extra'],
    })
    const w = model.stateDict()['encoder.W']!
    expect(Buffer.from(w.data.buffer).equals(Buffer.from(other['encoder.W']!.data.buffer))).toBe(true)
  })

  it('rejects a shape mismatch even when not strict, naming both shapes', () => {
    const model = buildModel(tiedAutoencoderSpec, { seed: 1 })
    const dict = model.stateDict()
    dict['encoder.W'] = new Tensor(new Float32Array(784 * 100), [100, 784])
    expect(() => model.loadStateDict(dict, { strict: false })).toThrow(
      new ShapeError(
        "model 'Autoencoder 784-100-784 (tied)': 'encoder.W' has shape (100, 784) in the weights but (784, 100) " +
          "in the model; the layer's size differs from the one saved",
      ),
    )
  })

  it('accepts float64 arrays (the lecture’s np.savez weights) and converts them to float32', () => {
    const model = buildModel(
      { format: 'dllab.model/1', input: { features: 2 }, layers: [{ type: 'dense', name: 'h', units: 2 }] },
      { seed: 1 },
    )
    model.loadStateDict({
      'h.W': { shape: [2, 2], data: Float64Array.from([0.1, 0.2, 0.3, 0.4]) },
      'h.b': { shape: [2], data: [1, -1] },
    })
    const y = model.forward(new Tensor(Float32Array.from([1, 2]), [1, 2]), { training: false })
    // [1, 2]·W + b = [0.1 + 0.6 + 1, 0.2 + 0.8 − 1]
    expect(y.data[0]).toBeCloseTo(1.7, 6)
    expect(y.data[1]).toBeCloseTo(0, 6)
  })
})
