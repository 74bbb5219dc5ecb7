import { ShapeError } from '../errors'
import { type Shape, shapeSize, shapeToString } from './shape'

/**
 * A dense float32 tensor: a `Float32Array` in row-major order plus its shape.
 * Batch first; images are (batch, channels, Y, X). Tensors are thin views: `reshape` shares data.
 */
export class Tensor {
  readonly data: Float32Array
  readonly shape: Shape

  constructor(data: Float32Array, shape: Shape) {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new ShapeError(`tensor: dimensions must be non-negative integers, got ${shapeToString(shape)}`)
      }
    }
    const size = shapeSize(shape)
    if (data.length !== size) {
      throw new ShapeError(
        `tensor: shape ${shapeToString(shape)} holds ${size} values but the data has ${data.length}`,
      )
    }
    this.data = data
    this.shape = Object.freeze([...shape])
  }

  get size(): number {
    return this.data.length
  }

  /** Same data, another shape of the same size (no copy). */
  reshape(shape: Shape): Tensor {
    return new Tensor(this.data, shape)
  }

  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape)
  }
}

/** Builds a tensor from numbers (copied into a new Float32Array) or wraps a Float32Array as is. */
export function tensor(data: ArrayLike<number> | Float32Array, shape: Shape): Tensor {
  const array = data instanceof Float32Array ? data : Float32Array.from(data)
  return new Tensor(array, shape)
}

export function zeros(shape: Shape): Tensor {
  return new Tensor(new Float32Array(shapeSize(shape)), shape)
}
