import { describe, expect, it } from 'vitest'
import { getLoss, Tensor } from '../../engine'
import { argmaxRows } from '../../shared/evaluation'
import { classScores64 } from './class-scores'
import { measure } from './evaluate'
import { classificationOf } from './final-evaluation'
import { buildNetwork } from './network'
import { OneHotTargets } from './targets'
import { blobsDataset, classifierSpec } from './test-support/blobs'

/**
 * classScores64: the one scoring behind evaluation.json, `dllab eval` and the app's confusion cells.
 * A saturated sigmoid output layer (the lecture's networks) ties in float32 but not in float64; a
 * softmax left out for training is put back.
 */
const sigmoidHead = {
  format: 'dllab.model/1',
  name: 'saturated',
  input: { features: 1 },
  layers: [{ type: 'dense', name: 'out', units: 2, activation: 'sigmoid' }],
}

describe('classScores64', () => {
  it('tells saturated sigmoid outputs apart as NumPy does: u = 31.9 and 34.1 both give 1.0f', () => {
    const network = buildNetwork(sigmoidHead, { seed: 1, logits: false })
    network.loadWeights({
      'out.W': { shape: [1, 2], data: Float32Array.of(31.9, 34.1) },
      'out.b': { shape: [2], data: new Float32Array(2) },
    })
    const set = { x: Float32Array.of(1), labels: Int32Array.of(1), sampleShape: [1] }
    // In float32 both outputs are exactly 1: argmax would take class 0.
    expect(Array.from(network.predict(new Tensor(set.x, [1, 1])).data)).toEqual([1, 1])
    const scores = classScores64(network, set, 2, 1)
    expect([Math.fround(scores[0]!), Math.fround(scores[1]!)]).toEqual([1, 1])
    // 1 − e^−31.9 < 1 − e^−34.1 in float64 (a difference of about 1.2e-14).
    expect(scores[1]! - scores[0]!).toBeGreaterThan(1e-14)
    expect(argmaxRows({ data: scores, classCount: 2 }).predicted[0]).toBe(1)
    // evaluation.json's numbers come from the same scores.
    expect(classificationOf(network, set, ['a', 'b'], 1).confusion).toEqual([
      [0, 0],
      [0, 1],
    ])
    // …and so does each epoch's test accuracy in metrics.jsonl (float32 would give 0 here).
    const test = { ...set, targets: new OneHotTargets(set.labels, 2, 1) }
    const measured = measure(network, getLoss('sse'), test, 1)
    expect(measured.accuracy).toBe(1)
    // Its loss is still the float32 network's: outputs (1, 1) against the one-hot (0, 1).
    expect(measured.loss).toBeCloseTo(0.5, 6)
  })

  it('puts back a softmax left out for training, and scores any slice as the whole set does', () => {
    const network = buildNetwork(classifierSpec, { seed: 4, logits: true })
    expect(network.model.finalSoftmaxOmitted).toBe(true)
    const data = blobsDataset(4, 5)
    const set = { x: data.testX!, sampleShape: data.sampleShape }
    const all = classScores64(network, set, 2, 3)
    const probabilities = network.predict(new Tensor(set.x, [10, 1, 8, 8])).data
    for (let i = 0; i < 10; i++) {
      expect(all[2 * i]! + all[2 * i + 1]!).toBeCloseTo(1, 14)
      expect(all[2 * i]!).toBeCloseTo(probabilities[2 * i]!, 6)
    }
    expect(Array.from(classScores64(network, set, 2, 3, { from: 3, count: 6 }))).toEqual(
      Array.from(all.subarray(6, 18)),
    )
  })

  it('gives probabilities for a spec that ends in logits (a dense layer without softmax) trained with softmax cross-entropy', () => {
    const logitsHead = { ...sigmoidHead, layers: [{ type: 'dense', name: 'out', units: 2 }] }
    const network = buildNetwork(logitsHead, { seed: 1, logits: true })
    expect(network.model.finalSoftmaxOmitted).toBe(false)
    network.loadWeights({
      'out.W': { shape: [1, 2], data: Float32Array.of(3, 1) },
      'out.b': { shape: [2], data: new Float32Array(2) },
    })
    const set = { x: Float32Array.of(1), sampleShape: [1] }
    // u = (3, 1): softmax = (e³, e¹) / (e³ + e¹) = (0.8808, 0.1192), not the logits 3 and 1.
    const scores = classScores64(network, set, 2, 1)
    expect(scores[0]!).toBeCloseTo(Math.exp(3) / (Math.exp(3) + Math.exp(1)), 12)
    expect(scores[0]! + scores[1]!).toBeCloseTo(1, 14)
    expect(network.predict(new Tensor(set.x, [1, 1])).data[0]).toBeCloseTo(0.8808, 4)
    // Trained with SSE the same spec's outputs stay as they are.
    const sse = buildNetwork(logitsHead, { seed: 1, logits: false })
    sse.loadWeights({
      'out.W': { shape: [1, 2], data: Float32Array.of(3, 1) },
      'out.b': { shape: [2], data: new Float32Array(2) },
    })
    expect(Array.from(classScores64(sse, set, 2, 1))).toEqual([3, 1])
  })
})
