import { describe, expect, it } from 'vitest'
import '../kernels/js'
import { SpecError, ShapeError } from '../errors'
import { ActivationLayer } from '../layers/activation'
import { DenseLayer } from '../layers/dense'
import { TiedDenseLayer } from '../layers/tied-dense'
import { Tensor } from '../tensor/tensor'
import { gradCheck, randomTensor } from '../test-support/gradcheck'
import { buildModel } from './build-model'
import type { Model } from './model'
import type { ModelSpec } from './spec-schema'
import { dlPySpec, leNet5Spec, tiedAutoencoderSpec } from './test-support/lecture-specs'

/** All weights as one byte string: equal bytes = bit-identical weights (compared in O(n), not deep-equal). */
const bytesOf = (m: Model): Buffer =>
  Buffer.concat(
    m
      .parameters()
      .map((p) => Buffer.from(p.value.data.buffer, p.value.data.byteOffset, p.value.data.byteLength)),
  )

describe('buildModel: LeNet-5', () => {
  const model = buildModel(leNet5Spec, { seed: 1 })

  it('composes the layers with a `.act` layer after each activation', () => {
    expect(model.layers.map((l) => l.name)).toEqual([
      'conv2d1',
      'conv2d1.act',
      'pool2d1',
      'conv2d2',
      'conv2d2.act',
      'pool2d2',
      'flatten1',
      'dense1',
      'dense1.act',
      'dense2',
      'dense2.act',
      'dense3',
      'dense3.act',
    ])
    expect(model.specIndex).toEqual([0, 0, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7, 7])
    expect(model.inputShape).toEqual([1, 28, 28])
    expect(model.outputShape).toEqual([10])
    expect(model.summary().totalParameters).toBe(61706)
  })

  it('lists parameters `${layer}.${param}` in order with the shapes of shape inference', () => {
    const params = model.parameters()
    expect(params.map((p) => [p.name, [...p.value.shape]])).toEqual([
      ['conv2d1.W', [6, 25]],
      ['conv2d1.b', [6]],
      ['conv2d2.W', [16, 150]],
      ['conv2d2.b', [16]],
      ['dense1.W', [400, 120]],
      ['dense1.b', [120]],
      ['dense2.W', [120, 84]],
      ['dense2.b', [84]],
      ['dense3.W', [84, 10]],
      ['dense3.b', [10]],
    ])
    expect(params.reduce((s, p) => s + p.value.size, 0)).toBe(61706)
    const expected = model.summary().layers.flatMap((l) => l.params.map((p) => [p.name, [...p.shape]]))
    expect(params.map((p) => [p.name, [...p.value.shape]])).toEqual(expected)
  })

  it('runs forward to softmax rows and backward to an input gradient', () => {
    const x = randomTensor([3, 1, 28, 28], 5, 0, 1)
    const y = model.forward(x, { training: false })
    expect(y.shape).toEqual([3, 10])
    for (let r = 0; r < 3; r++) {
      const row = Array.from(y.data.subarray(r * 10, r * 10 + 10))
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
      expect(Math.min(...row)).toBeGreaterThan(0)
    }
    model.zeroGrad()
    const dx = model.backward(randomTensor([3, 10], 6))
    expect(dx.shape).toEqual([3, 1, 28, 28])
    expect(dx.data.some((v) => v !== 0)).toBe(true)
    expect(model.parameters().every((p) => p.grad.data.some((v) => v !== 0))).toBe(true)
  })

  it('traces every layer’s output for the feature-map viewer', () => {
    const trace = model.trace(randomTensor([2, 1, 28, 28], 9, 0, 1), { training: false })
    expect(trace.map((t) => [t.layer.name, t.specIndex, [...t.output.shape]])).toEqual([
      ['conv2d1', 0, [2, 6, 28, 28]],
      ['conv2d1.act', 0, [2, 6, 28, 28]],
      ['pool2d1', 1, [2, 6, 14, 14]],
      ['conv2d2', 2, [2, 16, 10, 10]],
      ['conv2d2.act', 2, [2, 16, 10, 10]],
      ['pool2d2', 3, [2, 16, 5, 5]],
      ['flatten1', 4, [2, 400]],
      ['dense1', 5, [2, 120]],
      ['dense1.act', 5, [2, 120]],
      ['dense2', 6, [2, 84]],
      ['dense2.act', 6, [2, 84]],
      ['dense3', 7, [2, 10]],
      ['dense3.act', 7, [2, 10]],
    ])
    // relu outputs are ≥ 0 and equal max(0, pre-activation)
    const pre = trace[0]!.output.data
    const post = trace[1]!.output.data
    for (let i = 0; i < pre.length; i += 97) expect(post[i]).toBe(Math.max(0, pre[i]!))
  })

  it('rejects input of the wrong per-sample shape, naming both shapes', () => {
    expect(() => model.forward(new Tensor(new Float32Array(2 * 784), [2, 784]), { training: false })).toThrow(
      new ShapeError(
        "model 'LeNet-5': input must be (N, 1, 28, 28) with N ≥ 1, got (2, 784); reshape flat rows into " +
          '(N, C, Y, X) images',
      ),
    )
  })

  it('with logits: true leaves out the final softmax and keeps the same weights', () => {
    const logits = buildModel(leNet5Spec, { seed: 1, logits: true })
    expect(logits.finalSoftmaxOmitted).toBe(true)
    expect(model.finalSoftmaxOmitted).toBe(false)
    expect(logits.layers.at(-1)!.name).toBe('dense3')
    expect(bytesOf(logits).equals(bytesOf(model))).toBe(true)
    const x = randomTensor([2, 1, 28, 28], 3, 0, 1)
    const z = logits.forward(x, { training: false })
    const p = model.forward(x, { training: false })
    // softmax(z) = p
    for (let r = 0; r < 2; r++) {
      const row = Array.from(z.data.subarray(r * 10, r * 10 + 10))
      const max = Math.max(...row)
      const sum = row.reduce((s, v) => s + Math.exp(v - max), 0)
      row.forEach((v, j) => expect(Math.exp(v - max) / sum).toBeCloseTo(p.data[r * 10 + j]!, 6))
    }
  })
})

describe('buildModel: reproducibility', () => {
  it('gives bit-identical weights for the same seed and different ones for another', () => {
    const a = buildModel(leNet5Spec, { seed: 42 })
    const b = buildModel(JSON.parse(JSON.stringify(leNet5Spec)), { seed: 42 })
    const c = buildModel(leNet5Spec, { seed: 43 })
    expect(bytesOf(a).length).toBe(61706 * 4)
    expect(bytesOf(b).equals(bytesOf(a))).toBe(true)
    expect(bytesOf(c).equals(bytesOf(a))).toBe(false)
  })

  it('draws weights independently of dropout and noise layers', () => {
    const plain = buildModel(dlPySpec, { seed: 7 })
    const withDropout = buildModel(
      {
        ...dlPySpec,
        layers: [
          { type: 'noise', kind: 'masking', level: 0.2 },
          dlPySpec.layers[0]!,
          { type: 'dropout', rate: 0.5 },
          ...dlPySpec.layers.slice(1),
        ],
      },
      { seed: 7 },
    )
    expect(bytesOf(withDropout).equals(bytesOf(plain))).toBe(true)
  })

  it('uses the lecture’s uniform(−0.5, 0.5) for DL.py weights and biases', () => {
    const model = buildModel(dlPySpec, { seed: 3 })
    for (const p of model.parameters()) {
      const values = Array.from(p.value.data)
      expect(Math.min(...values)).toBeGreaterThanOrEqual(-0.5)
      expect(Math.max(...values)).toBeLessThan(0.5)
    }
    const w = model.parameters()[0]!.value.data
    const mean = w.reduce((s, v) => s + v, 0) / w.length
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length
    // 50,176 draws of U(−0.5, 0.5): mean 0 ± 0.005, variance 1/12 ± 0.001
    expect(Math.abs(mean)).toBeLessThan(0.005)
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.001)
  })

  it('validates the seed', () => {
    expect(() => buildModel(dlPySpec, { seed: -1 })).toThrow(SpecError)
    expect(() => buildModel(dlPySpec, { seed: 1.5 })).toThrow(
      'seed must be an integer in [0, 4294967295], got 1.5',
    )
  })

  it('fails on an invalid spec with the layer index, before building anything', () => {
    const bad = { ...leNet5Spec, layers: [...leNet5Spec.layers.slice(0, 4), { type: 'dense', units: 120 }] }
    try {
      buildModel(bad, { seed: 1 })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError)
      expect((error as SpecError).layerIndex).toBe(4)
    }
  })
})

describe('buildModel: the tied autoencoder', () => {
  it('shares the encoder’s W with the decoder and lists it once', () => {
    const model = buildModel(tiedAutoencoderSpec, { seed: 2 })
    const [encoder, , decoder] = model.layers
    expect(encoder).toBeInstanceOf(DenseLayer)
    expect(decoder).toBeInstanceOf(TiedDenseLayer)
    expect((decoder as TiedDenseLayer).weight).toBe((encoder as DenseLayer).weight)
    expect(model.parameters().map((p) => p.name)).toEqual(['encoder.W', 'encoder.b', 'decoder.b'])
    expect(model.layers.map((l) => l.name)).toEqual(['encoder', 'encoder.act', 'decoder', 'decoder.act'])
    expect(model.layers[3]).toBeInstanceOf(ActivationLayer)
    const y = model.forward(randomTensor([4, 784], 1, 0, 1), { training: false })
    expect(y.shape).toEqual([4, 784])
  })
})

describe('buildModel: gradients of whole models (central differences)', () => {
  const small: ModelSpec = {
    format: 'dllab.model/1',
    input: { channels: 2, height: 6, width: 6 },
    init: { scheme: 'glorot' },
    layers: [
      { type: 'conv2d', filters: 3, kernel: 3, padding: 1, activation: 'tanh' },
      { type: 'pool2d', mode: 'avg', size: 2 },
      { type: 'conv2d', filters: 2, kernel: [2, 3], stride: [1, 2], activation: 'sigmoid' },
      { type: 'flatten' },
      { type: 'dense', units: 4, activation: 'tanh' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  }

  it('conv → avg pool → conv → dense: every parameter and the input', () => {
    const model = buildModel(small, { seed: 11 })
    const report = gradCheck(model.layers, randomTensor([2, 2, 6, 6], 12))
    expect(report.passed, report.summary).toBe(true)
    expect(report.entries.map((e) => e.name)).toEqual([
      'input',
      'conv2d1.W',
      'conv2d1.b',
      'conv2d2.W',
      'conv2d2.b',
      'dense1.W',
      'dense1.b',
      'dense2.W',
      'dense2.b',
    ])
  })

  it('model.backward gives what the chain of layer backwards gives', () => {
    const model = buildModel(small, { seed: 11 })
    const x = randomTensor([2, 2, 6, 6], 12)
    const g = randomTensor([2, 3], 13)
    model.forward(x, { training: false })
    model.zeroGrad()
    const dx = model.backward(g)
    // L = Σ y·g; ∂L/∂x by central differences at a few inputs
    const loss = (input: Tensor): number => {
      const y = model.forward(input, { training: false }).data
      return y.reduce((s, v, i) => s + v * g.data[i]!, 0)
    }
    for (const i of [0, 17, 40, 71, 100, 143]) {
      const plus = x.clone()
      const minus = x.clone()
      plus.data[i]! += 1e-2
      minus.data[i]! -= 1e-2
      const numeric = (loss(plus) - loss(minus)) / (plus.data[i]! - minus.data[i]!)
      expect(Math.abs(dx.data[i]! - numeric)).toBeLessThan(1e-3 + 1e-2 * Math.abs(numeric))
    }
  })

  it('a tied autoencoder 6-3-6: the shared W gets both uses’ gradients', () => {
    const model = buildModel(
      {
        format: 'dllab.model/1',
        input: { features: 6 },
        init: { scheme: 'uniform' },
        layers: [
          { type: 'dense', name: 'enc', units: 3, activation: 'sigmoid' },
          { type: 'tied-dense', name: 'dec', tiedTo: 'enc', activation: 'sigmoid' },
        ],
      },
      { seed: 5 },
    )
    const report = gradCheck(model.layers, randomTensor([3, 6], 8, 0, 1))
    expect(report.passed, report.summary).toBe(true)
    expect(report.entries.map((e) => e.name)).toEqual(['input', 'enc.W', 'enc.b', 'dec.b'])
  })
})
