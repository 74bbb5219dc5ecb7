import { ShapeError } from '../errors'
import { type Shape, shapeSize, shapeToString } from '../tensor/shape'
import { allocFloat32 } from '../tensor/float32-allocator'
import { Tensor } from '../tensor/tensor'

/**
 * Minibatch assembly: copy the sampled rows of a dataset into a reused batch buffer.
 *
 *   src (n, sampleSize) row-major, indices (b) in [0, n) → dst[k·sampleSize …] = src row indices[k]
 *
 * One sample's values are contiguous in every layout the engine uses ((features) or (C, Y, X)), so
 * the same copy gathers images, feature vectors and one-hot targets.
 */
export function gatherBatch(
  dst: Float32Array,
  src: Float32Array,
  indices: ArrayLike<number>,
  sampleSize: number,
): void {
  const rows = src.length / sampleSize
  if (!Number.isInteger(sampleSize) || sampleSize < 1 || !Number.isInteger(rows)) {
    throw new ShapeError(
      `gatherBatch: source of ${src.length} values is not a whole number of samples of ${sampleSize}`,
    )
  }
  if (dst.length < indices.length * sampleSize) {
    throw new ShapeError(
      `gatherBatch: batch buffer holds ${dst.length} values, ${indices.length} samples of ${sampleSize} ` +
        `need ${indices.length * sampleSize}; allocate it for the largest batch`,
    )
  }
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!
    if (!Number.isInteger(index) || index < 0 || index >= rows) {
      throw new ShapeError(`gatherBatch: index ${index} at position ${k} is outside the ${rows} samples`)
    }
    const from = index * sampleSize
    const to = k * sampleSize
    if (sampleSize >= 64)
      dst.set(src.subarray(from, from + sampleSize), to) // memcpy for images
    else for (let j = 0; j < sampleSize; j++) dst[to + j] = src[from + j]!
  }
}

/**
 * A reused buffer for up to `maxBatch` samples of `sampleShape`; `gather` fills it and returns the
 * batch as a tensor (b, …sampleShape) viewing the buffer (valid until the next gather).
 */
export class BatchBuffer {
  readonly sampleShape: Shape
  readonly sampleSize: number
  readonly maxBatch: number
  private readonly data: Float32Array

  constructor(maxBatch: number, sampleShape: Shape) {
    if (
      !Number.isInteger(maxBatch) ||
      maxBatch < 1 ||
      sampleShape.some((d) => !Number.isInteger(d) || d < 1)
    ) {
      throw new ShapeError(
        `BatchBuffer: needs maxBatch ≥ 1 and a per-sample shape of positive sizes, got ${maxBatch} and ` +
          `${shapeToString(sampleShape)}`,
      )
    }
    this.maxBatch = maxBatch
    this.sampleShape = [...sampleShape]
    this.sampleSize = shapeSize(sampleShape)
    this.data = allocFloat32(maxBatch * this.sampleSize)
  }

  gather(src: Float32Array, indices: ArrayLike<number>): Tensor {
    if (indices.length < 1 || indices.length > this.maxBatch) {
      throw new ShapeError(`BatchBuffer: batch of ${indices.length} samples, expected 1 … ${this.maxBatch}`)
    }
    gatherBatch(this.data, src, indices, this.sampleSize)
    const values =
      indices.length === this.maxBatch ? this.data : this.data.subarray(0, indices.length * this.sampleSize)
    return new Tensor(values, [indices.length, ...this.sampleShape])
  }
}
