import { ActivationLayer, type ActivationName, type Layer, type Shape, Tensor } from '../../engine'
import { finalScores64 } from '../../shared/evaluation'
import type { TaskNetwork } from './network'

/**
 * A classifier's scores as the lecture's Predict() ranks them, the ONE function behind evaluation.json
 * (the worker's final evaluation), `dllab eval`, the figures and the app's confusion-matrix cells, so
 * their argmax cannot differ: the network runs in float32 up to its last layer's pre-activation, and
 * the final activation (sigmoid, softmax, tanh; the softmax of logits trained with softmax
 * cross-entropy is put back) is
 * applied in float64 by finalScores64, as NumPy applies it.
 *
 *   x (N, …input) → u (N, classes) float32 → scores (N, classes) float64
 *
 * Samples run in batches of `batchSize` from index 0 (the same batches whatever `from`/`count` a
 * caller slices by, when it slices at multiples of batchSize).
 */
function splitFinalActivation(network: TaskNetwork): { body: readonly Layer[]; activation: ActivationName } {
  const layers = network.layers
  const last = layers.at(-1)
  if (last instanceof ActivationLayer) return { body: layers.slice(0, -1), activation: last.activation }
  return { body: layers, activation: network.outputsLogits ? 'softmax' : 'identity' }
}

export interface ScoredSet {
  /** (N × sampleSize) row-major. */
  x: Float32Array
  sampleShape: Shape
}

/**
 * Scores of samples [from, from + count) of `set` (default: all of them), written to
 * out[(i − from)·classes …]; returns `out`.
 */
export function classScores64(
  network: TaskNetwork,
  set: ScoredSet,
  classes: number,
  batchSize: number,
  range: { from?: number; count?: number } = {},
): Float64Array {
  const { body, activation } = splitFinalActivation(network)
  const sampleSize = set.sampleShape.reduce((a, b) => a * b, 1)
  const from = range.from ?? 0
  const count = range.count ?? set.x.length / sampleSize - from
  const scores = new Float64Array(count * classes)
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start)
    const first = from + start
    let t = network.view(
      new Tensor(set.x.subarray(first * sampleSize, (first + n) * sampleSize), [n, ...set.sampleShape]),
    )
    for (const layer of body) t = layer.forward(t, { training: false })
    finalScores64(scores, start * classes, t.data, n, classes, activation)
  }
  return scores
}
