import { ActivationLayer, type ActivationName, type Layer, Tensor } from '../../engine'
import type { TaskNetwork } from '../../worker/training'

/**
 * A classifier's scores as the lecture's Predict() ranks them: `np.argmax(outunit.out[0])` over
 * float64 outputs. The engine computes in float32, where a saturated sigmoid rounds several outputs
 * to exactly 1 (u = 31.9 and u = 34.1 both give 1.0f) and argmax would pick the first of the tie
 * while NumPy, in float64, still tells them apart — a stalled DL.py network (the lecture warns of
 * them) then gets a different confusion matrix. So the network runs in float32 up to its last layer's
 * pre-activation, and the final activation (sigmoid, softmax, tanh) is applied in float64, as NumPy
 * applies it; argmax then breaks the remaining ties (float64's own) by the first index, as np.argmax.
 *
 *   x (N, …input) → u (N, classes) float32 → scores (N, classes) float64
 */
function splitFinalActivation(network: TaskNetwork): { body: readonly Layer[]; activation: ActivationName } {
  const layers = network.layers
  const last = layers.at(-1)
  if (last instanceof ActivationLayer) return { body: layers.slice(0, -1), activation: last.activation }
  return { body: layers, activation: network.model.finalSoftmaxOmitted ? 'softmax' : 'identity' }
}

function activate64(
  u: Float32Array,
  rows: number,
  cols: number,
  activation: ActivationName,
  out: Float64Array,
  offset: number,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    if (activation === 'softmax') {
      let max = -Infinity
      for (let j = 0; j < cols; j++) max = Math.max(max, u[o + j]!)
      let sum = 0
      for (let j = 0; j < cols; j++) sum += Math.exp(u[o + j]! - max)
      for (let j = 0; j < cols; j++) out[offset + o + j] = Math.exp(u[o + j]! - max) / sum
      continue
    }
    for (let j = 0; j < cols; j++) {
      const v = u[o + j]!
      out[offset + o + j] =
        activation === 'sigmoid'
          ? 1 / (1 + Math.exp(-v))
          : activation === 'tanh'
            ? Math.tanh(v)
            : activation === 'relu'
              ? Math.max(0, v)
              : v
    }
  }
}

export function classScores64(
  network: TaskNetwork,
  set: { x: Float32Array; sampleShape: readonly number[]; count: number },
  classes: number,
  batchSize: number,
): Float64Array {
  const { body, activation } = splitFinalActivation(network)
  const sampleSize = set.sampleShape.reduce((a, b) => a * b, 1)
  const scores = new Float64Array(set.count * classes)
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start)
    let t = network.view(
      new Tensor(set.x.subarray(start * sampleSize, (start + n) * sampleSize), [n, ...set.sampleShape]),
    )
    for (const layer of body) t = layer.forward(t, { training: false })
    activate64(t.data, n, classes, activation, scores, start * classes)
  }
  return scores
}
