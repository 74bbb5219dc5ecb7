import { ActivationLayer, BatchBuffer, type Loss, type Shape, type Tensor } from '../../engine'
import { finalScores64 } from '../../shared/evaluation'
import type { LayerStack } from './layer-stack'
import { countCorrect, countCorrectRows, perSampleSum, range, type Targets } from './targets'

/**
 * Passes over a whole set in inference mode (no noise, no dropout; nothing random is drawn, so an
 * evaluation never changes what training does next), in batches of `batchSize`.
 */
export interface EvalSet {
  x: Float32Array
  sampleShape: Shape
  /** Class labels, for accuracy (classifiers). */
  labels?: Int32Array
  targets: Targets
}

export interface PassResult {
  /** Mean per-sample loss (train-loop.ts's scaling). */
  loss: number
  /** Fraction of argmax = label; null without labels. */
  accuracy: number | null
}

function forEachBatch(
  set: { x: Float32Array; sampleShape: Shape },
  batchSize: number,
  fn: (indices: Int32Array, x: Tensor) => void,
): number {
  const buffer = new BatchBuffer(batchSize, set.sampleShape)
  const count = set.x.length / buffer.sampleSize
  for (let start = 0; start < count; start += batchSize) {
    const indices = range(start, Math.min(batchSize, count - start))
    fn(indices, buffer.gather(set.x, indices))
  }
  return count
}

/**
 * Loss (and accuracy) of `network` on a set: the test numbers of each epoch's metrics line.
 *
 * Accuracy ranks by classScores64's rule (class-scores.ts), so the last epoch's test accuracy is the
 * one evaluation.json reports: when the network ends in an activation, its argmax is taken over that
 * activation applied in float64 to the last pre-activation u. In float32, sigmoid(u) is 1.0 for every
 * u > ~17, and an argmax over such a row falls on the first saturated class instead of the largest u.
 */
export function measure(network: LayerStack, loss: Loss, set: EvalSet, batchSize: number): PassResult {
  const last = network.layers.at(-1)
  const activation = last instanceof ActivationLayer ? last : undefined
  const body = activation ? network.layers.slice(0, -1) : network.layers
  let scores = new Float64Array(0)
  let lossSum = 0
  let correct = 0
  const count = forEachBatch(set, batchSize, (indices, x) => {
    let u = network.view(x)
    for (const layer of body) u = layer.forward(u, { training: false })
    const y = activation ? activation.forward(u, { training: false }) : u
    const t = set.targets.batch(indices, x)
    lossSum += perSampleSum(loss.name, loss.compute(y, t, new Float32Array(y.size)), indices.length)
    if (!set.labels) return
    if (!activation) {
      correct += countCorrect(y, set.labels, indices)
      return
    }
    const cols = u.size / indices.length
    if (scores.length < u.size) scores = new Float64Array(u.size)
    finalScores64(scores, 0, u.data, indices.length, cols, activation.activation)
    correct += countCorrectRows(scores, cols, set.labels, indices)
  })
  return { loss: count > 0 ? lossSum / count : 0, accuracy: set.labels && count > 0 ? correct / count : null }
}

/** Every sample's output (N × outputs), through `predict` (probabilities for classifiers). */
export function outputsOf(
  predict: (x: Tensor) => Tensor,
  set: { x: Float32Array; sampleShape: Shape },
  outputSize: number,
  batchSize: number,
): Float32Array {
  const sampleSize = set.sampleShape.reduce((a, b) => a * b, 1)
  const out = new Float32Array((set.x.length / sampleSize) * outputSize)
  forEachBatch(set, batchSize, (indices, x) => {
    out.set(predict(x).data, indices[0]! * outputSize)
  })
  return out
}
