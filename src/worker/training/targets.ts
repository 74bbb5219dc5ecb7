import { type Shape, shapeSize, ShapeError, Tensor } from '../../engine'

/**
 * What the network should output for a batch:
 *
 *   one-hot    classify: t[k][label] = 1, else 0 (the lecture's teach = np.zeros(…); teach[0][c] = 1),
 *              for every loss (softmax cross-entropy, SSE of DL.py, …)
 *   the input  autoencoders: the clean sample itself, viewed as the output's shape (the lecture's
 *              teach = data_vec[c][n]); a denoising network corrupts its input inside, never the target
 */
export interface Targets {
  /** Targets for the samples `indices` whose inputs are `x` (N, …). */
  batch(indices: ArrayLike<number>, x: Tensor): Tensor
}

export class OneHotTargets implements Targets {
  private readonly buffer: Float32Array

  constructor(
    private readonly labels: Int32Array,
    private readonly classes: number,
    maxBatch: number,
  ) {
    this.buffer = new Float32Array(maxBatch * classes)
  }

  batch(indices: ArrayLike<number>): Tensor {
    const n = indices.length
    const t = this.buffer.subarray(0, n * this.classes)
    t.fill(0)
    for (let k = 0; k < n; k++) {
      const label = this.labels[indices[k]!]!
      if (!(label >= 0 && label < this.classes)) {
        throw new ShapeError(
          `targets: sample ${indices[k]} has label ${label}, expected 0 … ${this.classes - 1}`,
        )
      }
      t[k * this.classes + label] = 1
    }
    return new Tensor(t, [n, this.classes])
  }
}

export class ReconstructionTargets implements Targets {
  private readonly size: number

  constructor(private readonly outputShape: Shape) {
    this.size = shapeSize(outputShape)
  }

  batch(indices: ArrayLike<number>, x: Tensor): Tensor {
    const n = indices.length
    if (x.size !== n * this.size) {
      throw new ShapeError(
        `targets: an autoencoder's output has ${this.size} values per sample, its input ${x.size / n}`,
      )
    }
    return x.reshape([n, ...this.outputShape])
  }
}

/** Index of the largest value of row r of (rows × cols) data (first one on ties, as np.argmax). */
export function argmaxRow(data: ArrayLike<number>, r: number, cols: number): number {
  let best = 0
  let max = data[r * cols]!
  for (let j = 1; j < cols; j++) {
    const v = data[r * cols + j]!
    if (v > max) {
      max = v
      best = j
    }
  }
  return best
}

/** The number of rows of `y` whose argmax is the label of the sample at `indices[k]`. */
export function countCorrect(y: Tensor, labels: Int32Array, indices: ArrayLike<number>): number {
  return countCorrectRows(y.data, y.size / indices.length, labels, indices)
}

/** Rows k of `scores` (cols wide) whose argmax is the label of sample indices[k]. */
export function countCorrectRows(
  scores: ArrayLike<number>,
  cols: number,
  labels: Int32Array,
  indices: ArrayLike<number>,
): number {
  let correct = 0
  for (let k = 0; k < indices.length; k++) if (argmaxRow(scores, k, cols) === labels[indices[k]!]) correct++
  return correct
}

/** 0, 1, …, n − 1 from `start`. */
export function range(start: number, n: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = start + i
  return out
}

/**
 * A batch's loss as a sum of per-sample losses (each the loss of a batch of that one sample): sse
 * sums over the batch already; mse, softmax-cross-entropy and binary-cross-entropy average over it.
 */
export function perSampleSum(lossName: string, value: number, n: number): number {
  return lossName === 'sse' ? value : value * n
}
