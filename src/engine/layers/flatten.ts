import { SpecError } from '../errors'
import type { Tensor } from '../tensor/tensor'
import { type Shape, shapeSize, shapeToString } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import { batchSize, layerLabel, requireForward, requireSameBatch } from './layer-support'

/**
 * Flatten: every sample's (C, Y, X) becomes one row of C·Y·X features, in row-major (c, y, x) order,
 * so a dense layer can follow a convolution (the lecture's "全結合層" after the last pooling):
 *
 *   x (N, C, Y, X) → y (N, C·Y·X)        backward: ∂x = ∂y reshaped to (N, C, Y, X)
 *
 * No copy: both directions return views sharing the data. No parameters.
 */
export type FlattenConfig = Record<string, never>

export class FlattenLayer implements Layer {
  readonly type = 'flatten'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  private readonly label: string
  private lastBatch: number | undefined

  constructor(_config: FlattenConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    if (ctx.inputShape.length === 0 || ctx.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new SpecError(
        `${this.label}: expects a per-sample input with at least one positive dimension, ` +
          `got ${shapeToString(ctx.inputShape)}`,
      )
    }
    this.inputShape = [...ctx.inputShape]
    this.outputShape = [shapeSize(ctx.inputShape)]
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
