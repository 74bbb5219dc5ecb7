import { describe, expect, it } from 'vitest'
import { createOptimizer, getLoss, tensor, trainStep } from '../../engine'
import { buildNetwork, networkForExperiment } from './network'
import { autoencoderSpec, blobExperiment, classifierSpec } from './test-support/blobs'
import { TrainingError } from './types'

/** AE.py's shapes, small: feature = 6 inputs, hunit_num = 3. */
const lectureAe = {
  format: 'dllab.model/1',
  input: { features: 6 },
  init: { scheme: 'uniform', range: 0.5 },
  layers: [
    { type: 'dense', name: 'hunit', units: 3 },
    { type: 'dense', name: 'outunit', units: 6 },
  ],
}

type Matrix = number[][]
const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)))
const transpose = (a: Matrix): Matrix => a[0]!.map((_, j) => a.map((row) => row[j]!))
const rows = (data: Float32Array, r: number, c: number): Matrix =>
  Array.from({ length: r }, (_, i) => Array.from(data.subarray(i * c, (i + 1) * c)))

describe("the lecture's normalised hidden layer (AE.py)", () => {
  it("one training step reproduces AE.py's Propagation, Error and Update_weight in float64", () => {
    const network = buildNetwork(lectureAe, {
      seed: 5,
      logits: false,
      lectureNormalisedHidden: { codeLayer: undefined },
    })
    expect(network.layers.map((l) => l.name)).toEqual(['hunit', 'hunit.unit-sum', 'outunit'])
    const p = network.parameters()
    expect(p.map((q) => q.name)).toEqual(['hunit.W', 'hunit.b', 'outunit.W', 'outunit.b'])
    const W1 = rows(p[0]!.value.data, 6, 3)
    const b1 = Array.from(p[1]!.value.data)
    const W2 = rows(p[2]!.value.data, 3, 6)
    const b2 = Array.from(p[3]!.value.data)
    // input normalised to sum 1, as AE.py's Read_data
    const raw = [3, 0, 7, 1, 5, 4]
    const x = [raw.map((v) => v / 20)]
    const alpha = 0.1

    // AE.py in float64
    const u1 = matmul(x, W1)[0]!.map((v, j) => v + b1[j]!)
    const e = u1.map(Math.exp)
    const sum = e.reduce((a, b) => a + b, 0)
    const h = [e.map((v) => v / sum)] // Softmax(self.u)
    const out = matmul(h, W2)[0]!.map((v, j) => v + b2[j]!) // identity output
    const delta2 = [out.map((o, j) => o - x[0]![j]!)] // (out − t)·1
    const error2 = matmul(delta2, transpose(W2)) // outunit.error, before any update
    const delta1 = error2 // Hunit.Error: f_ = 1
    const W2new = W2.map((row, i) => row.map((w, j) => w - alpha * h[0]![i]! * delta2[0]![j]!))
    const b2new = b2.map((b, j) => b - alpha * delta2[0]![j]!)
    const W1new = W1.map((row, i) => row.map((w, j) => w - alpha * x[0]![i]! * delta1[0]![j]!))
    const b1new = b1.map((b, j) => b - alpha * delta1[0]![j]!)

    const optimizer = createOptimizer('sgd', network.parameters(), { lr: alpha })
    const xt = tensor(x[0]!, [1, 6])
    const loss = trainStep(network, getLoss('sse'), optimizer, xt, xt)
    expect(loss).toBeCloseTo(0.5 * delta2[0]!.reduce((s, d) => s + d * d, 0), 6)
    const close = (got: Float32Array, want: number[]) =>
      want.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(2e-7))
    close(p[0]!.value.data, W1new.flat())
    close(p[1]!.value.data, b1new)
    close(p[2]!.value.data, W2new.flat())
    close(p[3]!.value.data, b2new)
  })

  it('normalises after a named code layer, after its activation', () => {
    const network = buildNetwork(autoencoderSpec, {
      seed: 1,
      logits: false,
      lectureNormalisedHidden: { codeLayer: 'code' },
    })
    expect(network.layers.map((l) => l.name)).toEqual([
      'code',
      'code.act',
      'code.unit-sum',
      'decoder',
      'decoder.act',
    ])
    const y = network.layers[2]!.forward(tensor([0.1, 0.2, 0.3, 0.4], [1, 4]), { training: false })
    expect(y.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
    expect(() =>
      buildNetwork(autoencoderSpec, {
        seed: 1,
        logits: false,
        lectureNormalisedHidden: { codeLayer: 'nope' },
      }),
    ).toThrow(
      "task.codeLayer 'nope' names no layer of model 'blob autoencoder'; the layers are code, decoder",
    )
  })
})

describe('a spec that lists its unit-sum layer', () => {
  const explicit = {
    ...lectureAe,
    layers: [
      lectureAe.layers[0],
      { type: 'unit-sum', name: 'hunit-sum', backward: 'identity' },
      lectureAe.layers[1],
    ],
  }

  it('gets no second normalisation from lectureNormalisedHidden, and trains exactly like the inserted one', () => {
    const listed = buildNetwork(explicit, {
      seed: 5,
      logits: false,
      lectureNormalisedHidden: { codeLayer: undefined },
    })
    expect(listed.layers.map((l) => `${l.type} ${l.name}`)).toEqual([
      'dense hunit',
      'unit-sum hunit-sum',
      'dense outunit',
    ])
    const inserted = buildNetwork(lectureAe, {
      seed: 5,
      logits: false,
      lectureNormalisedHidden: { codeLayer: undefined },
    })
    const x = tensor([0.15, 0, 0.35, 0.05, 0.25, 0.2], [1, 6])
    for (const network of [listed, inserted]) {
      const optimizer = createOptimizer('sgd', network.parameters(), { lr: 0.1 })
      for (let step = 0; step < 3; step++) trainStep(network, getLoss('sse'), optimizer, x, x)
    }
    for (const key of ['hunit.W', 'hunit.b', 'outunit.W', 'outunit.b']) {
      expect(Array.from(listed.weights()[key]!.data)).toEqual(Array.from(inserted.weights()[key]!.data))
    }
  })
})

describe('task networks', () => {
  it('train on logits when the loss is softmax-cross-entropy, predict probabilities', () => {
    const withSoftmax = buildNetwork(classifierSpec, { seed: 2, logits: true })
    const plain = buildNetwork(classifierSpec, { seed: 2, logits: false })
    expect(withSoftmax.model.finalSoftmaxOmitted).toBe(true)
    expect(withSoftmax.layers.map((l) => l.name)).toEqual(['hidden', 'hidden.act', 'out'])
    const x = tensor(
      Array.from({ length: 128 }, (_, i) => (i % 7) / 7),
      [2, 1, 8, 8],
    )
    const logits = withSoftmax.forward(x, { training: false })
    const probabilities = withSoftmax.predict(x)
    expect(Array.from(probabilities.data)).toEqual(Array.from(plain.predict(x).data))
    expect(probabilities.data[0]! + probabilities.data[1]!).toBeCloseTo(1, 6)
    expect(logits.data[0]).not.toBeCloseTo(probabilities.data[0]!, 3)
    expect(withSoftmax.weights()['out.W']!.data).toEqual(plain.weights()['out.W']!.data)
  })

  it('put a noise layer before a denoising autoencoder, active only while training', () => {
    const experiment = blobExperiment(
      autoencoderSpec,
      { kind: 'autoencode', variant: 'denoising', noise: { kind: 'masking', level: 0.5 } },
      { seed: 9 },
    )
    const network = networkForExperiment(experiment, autoencoderSpec)
    expect(network.layers[0]!.name).toBe('input-noise')
    const x = tensor(new Array(64).fill(1), [1, 64])
    const noisy = network.layers[0]!.forward(x, { training: true })
    const zeros = noisy.data.filter((v) => v === 0).length
    expect(zeros).toBeGreaterThan(16)
    expect(zeros).toBeLessThan(48)
    expect(network.layers[0]!.forward(x, { training: false })).toBe(x)
  })

  it("require a tied-dense decoder for variant 'tied'", () => {
    const experiment = blobExperiment(autoencoderSpec, { kind: 'autoencode', variant: 'tied' }, {})
    expect(() => networkForExperiment(experiment, autoencoderSpec)).toThrow(TrainingError)
  })
})
