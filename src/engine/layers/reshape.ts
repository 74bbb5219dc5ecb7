import { SpecError } from '../errors'
import type { Tensor } from '../tensor/tensor'
import { type Shape, shapeSize, shapeToString } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import { batchSize, layerLabel, requireForward, requireSameBatch } from './layer-support'

/**
 * Reshape: gives every sample a new per-sample shape of the same size, row-major order kept
 * (e.g. the lecture's MNIST rows of 784 pixels back into (1, 28, 28) images for a convolution):
 *
 *   x (N, …inputShape) → y (N, …shape)      size(inputShape) = size(shape)
 *   backward: ∂x = ∂y reshaped to (N, …inputShape)
 *
 * No copy: both directions return views sharing the data. No parameters.
 */
export interface ReshapeConfig {
  shape: readonly number[]
}

export class ReshapeLayer implements Layer {
  readonly type = 'reshape'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  private readonly label: string
  private lastBatch: number | undefined

  constructor(config: ReshapeConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    const target = config.shape
    if (
      !Array.isArray(target) ||
      target.length === 0 ||
      target.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 1)
    ) {
      throw new SpecError(
        `${this.label}: shape must be a non-empty list of positive integers (per sample, without the batch), ` +
          `got ${JSON.stringify(target)}`,
      )
    }
    const inSize = shapeSize(ctx.inputShape)
    const outSize = shapeSize(target)
    if (inSize !== outSize) {
      throw new SpecError(
        `${this.label}: target ${shapeToString(target)} holds ${target.join('·')} = ${outSize} values but ` +
          `the input ${shapeToString(ctx.inputShape)} holds ${inSize}; choose a shape whose product is ${inSize}`,
      )
    }
    this.inputShape = [...ctx.inputShape]
    this.outputShape = [...target]
  }

  forward(x: Tensor, _options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    this.lastBatch = n
    return x.reshape([n, ...this.outputShape])
  }

  backward(dy: Tensor): Tensor {
    const n = requireForward(this.label, this.lastBatch)
    requireSameBatch(this.label, dy, this.outputShape, n)
    return dy.reshape([n, ...this.inputShape])
  }

  parameters(): Parameter[] {
    return []
  }
}
