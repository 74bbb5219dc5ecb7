import { evaluateClassification, reconstructionError } from '../../../shared/evaluation'
import type { EvaluationFile, MetricsLine, TaskKind } from '../../../shared/experiment'
import type { Matrix } from '../../../shared/ipc/lab-types'

/**
 * The small run behind the fake api's result channels: nine 6×6 grey test images of three classes,
 * a tiny convolutional network (conv1: 2 filters 3×3, padding 1, ReLU → pool1: max 2×2 → fc: 3
 * classes) and an autoencoder 36–8–36. Every number the fake answers is computed here from these
 * (confusion matrix by shared/evaluation, U' = F X' + b by matrix product), so tests can check the
 * Results view against arithmetic they can redo by hand.
 */
export const CLASSES = ['circle', 'square', 'triangle']
export const SIZE = 6
export const LABELS = [0, 0, 0, 1, 1, 1, 2, 2, 2]
/** What the network answers per sample: two mistakes (sample 2 → square, 7 → circle). */
export const PREDICTED = [0, 0, 1, 1, 1, 1, 2, 0, 2]
const CONFIDENCE = [0.9, 0.8, 0.6, 0.95, 0.7, 0.85, 0.9, 0.55, 0.75]

/** Sample i's image, (1, 6, 6) values in [0, 1]: a deterministic pattern per index. */
export function sampleImage(index: number): Float32Array {
  return Float32Array.from({ length: SIZE * SIZE }, (_, p) => {
    const y = Math.floor(p / SIZE)
    const x = p % SIZE
    return ((index * 7 + y * 3 + x * 5) % 11) / 10
  })
}

/** The class probabilities of sample i: the prediction gets its confidence, the rest share the remainder. */
export function sampleScores(index: number): number[] {
  const confidence = CONFIDENCE[index]!
  return CLASSES.map((_, k) =>
    k === PREDICTED[index] ? confidence : (1 - confidence) / (CLASSES.length - 1),
  )
}

export const classifierModel = {
  format: 'dllab.model/1',
  name: 'tiny-cnn',
  input: { channels: 1, height: SIZE, width: SIZE },
  layers: [
    { type: 'conv2d', name: 'conv1', filters: 2, kernel: 3, stride: 1, padding: 1, activation: 'relu' },
    { type: 'pool2d', name: 'pool1', mode: 'max', size: 2, stride: 2 },
    { type: 'flatten', name: 'flatten' },
    { type: 'dense', name: 'fc', units: 3, activation: 'softmax' },
  ],
}

export const autoencoderModel = {
  format: 'dllab.model/1',
  name: 'tiny-ae',
  input: { features: SIZE * SIZE },
  layers: [
    { type: 'dense', name: 'enc', units: 8, activation: 'sigmoid' },
    { type: 'dense', name: 'dec', units: SIZE * SIZE, activation: 'sigmoid' },
  ],
}

/** conv1's filters F (K × C·FY·FX): the lecture's sharpen and a Sobel x filter; and the bias. */
export const CONV = {
  filters: 2,
  channels: 1,
  kernel: 3,
  padding: 1,
  stride: 1,
  weights: [0, -1, 0, -1, 5, -1, 0, -1, 0, -1, 0, 1, -2, 0, 2, -1, 0, 1],
  bias: [0.1, -0.2],
}

/** The autoencoder's first weights W (36 × 8), row-major: unit j looks at a stripe of the image. */
export const ENCODER_WEIGHTS = Array.from({ length: SIZE * SIZE * 8 }, (_, i) => {
  const input = Math.floor(i / 8)
  const unit = i % 8
  return Math.sin((input + 1) * (unit + 1) * 0.37)
})

/** The input value at (c, y, x), zero outside the image (zero padding). */
export function paddedValue(image: Float32Array, y: number, x: number): number {
  return y < 0 || x < 0 || y >= SIZE || x >= SIZE ? 0 : image[y * SIZE + x]!
}

/**
 * conv1's output U (K, 6, 6) for one image by the direct sum, not im2col:
 * U[k][y][x] = b_k + Σ_{fy,fx} W[k][fy][fx] · X[y·s + fy − p][x·s + fx − p].
 */
export function convolveDirect(image: Float32Array): Float32Array {
  const { filters, kernel, padding, stride, weights, bias } = CONV
  const out = new Float32Array(filters * SIZE * SIZE)
  for (let k = 0; k < filters; k++) {
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        let sum = bias[k]!
        for (let fy = 0; fy < kernel; fy++) {
          for (let fx = 0; fx < kernel; fx++) {
            const w = weights[(k * kernel + fy) * kernel + fx]!
            sum += w * paddedValue(image, y * stride + fy - padding, x * stride + fx - padding)
          }
        }
        out[(k * SIZE + y) * SIZE + x] = sum
      }
    }
  }
  return out
}

/** Max pooling 2×2 with stride 2 of (K, 6, 6) maps → (K, 3, 3). */
export function maxPool(maps: Float32Array, channels: number): Float32Array {
  const half = SIZE / 2
  const out = new Float32Array(channels * half * half)
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < half; y++) {
      for (let x = 0; x < half; x++) {
        let best = -Infinity
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            best = Math.max(best, maps[(c * SIZE + 2 * y + dy) * SIZE + 2 * x + dx]!)
          }
        }
        out[(c * half + y) * half + x] = best
      }
    }
  }
  return out
}

/** The autoencoder's reconstruction of an image: a blurred copy (so its error is small, not zero). */
export function reconstruct(image: Float32Array): Float32Array {
  return Float32Array.from(image, (v) => 0.8 * v + 0.1)
}

/** The matrix product A (m × n) · B (n × p) + a bias per row of the result. */
export function multiply(a: Matrix, b: Matrix, bias: readonly number[]): Matrix {
  const values = new Array<number>(a.rows * b.cols).fill(0)
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let sum = bias[i] ?? 0
      for (let t = 0; t < a.cols; t++) sum += a.values[i * a.cols + t]! * b.values[t * b.cols + j]!
      values[i * b.cols + j] = sum
    }
  }
  return { rows: a.rows, cols: b.cols, values }
}

/** Per-sample training metrics of three epochs, as metrics.jsonl holds them. */
export function metricsOf(task: TaskKind): MetricsLine[] {
  const classify = task === 'classify' || task === 'pretrain-stack'
  const losses = classify ? [1.05, 0.72, 0.51] : [4.2, 1.9, 0.93]
  return losses.map((trainLoss, e) => ({
    kind: 'epoch',
    epoch: e + 1,
    step: (e + 1) * 9,
    trainLoss,
    trainAccuracy: classify ? [0.44, 0.67, 0.78][e]! : null,
    testLoss: trainLoss * 1.1,
    testAccuracy: classify ? [0.33, 0.56, 7 / 9][e]! : null,
    seconds: 0.5,
    samplesPerSecond: 18,
  }))
}

/** evaluation.json of the finished run: computed by shared/evaluation from the answers above. */
export function evaluationOf(task: TaskKind): EvaluationFile {
  if (task === 'classify' || task === 'pretrain-stack') {
    const classification = evaluateClassification({
      classes: CLASSES,
      labels: LABELS,
      scores: LABELS.flatMap((_, i) => sampleScores(i)),
      includePredictions: true,
    })
    return { format: 'dllab.evaluation/1', task, split: 'test', classification }
  }
  const target = LABELS.flatMap((_, i) => Array.from(sampleImage(i)))
  const output = LABELS.flatMap((_, i) => Array.from(reconstruct(sampleImage(i))))
  const reconstruction = reconstructionError({ target, output, samples: LABELS.length })
  return { format: 'dllab.evaluation/1', task, split: 'test', reconstruction }
}
