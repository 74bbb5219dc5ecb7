import { SpecError } from '../errors'
import { kernels } from '../kernels/registry'
import { Tensor } from '../tensor/tensor'
import { type Shape, shapeSize, shapeToString } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import { ReusedBuffer, batchSize, layerLabel, requireForward, requireSameBatch } from './layer-support'

/**
 * Activation O = f(U), elementwise except softmax (the lecture's Sigmoid, ReLU, Softmax of DL.py):
 *
 *   identity  y = u                       ∂u = ∂y
 *   sigmoid   y = 1 / (1 + e^(−u))        ∂u = ∂y · y(1 − y)
 *   tanh      y = tanh u                  ∂u = ∂y · (1 − y²)
 *   relu      y = max(0, u)               ∂u = ∂y · [u > 0]
 *   softmax   y_i = e^(u_i) / Σ_j e^(u_j) over each sample's features
 *             ∂u_i = y_i (∂y_i − Σ_j ∂y_j y_j)
 *
 *   u (N, …shape) → y (N, …shape); softmax needs a flat (features) sample.
 * sigmoid/tanh/softmax backward use the saved output y, relu the saved input u. identity returns
 * its argument itself (no copy). No parameters.
 */
export const activations = ['identity', 'sigmoid', 'tanh', 'relu', 'softmax'] as const
export type ActivationName = (typeof activations)[number]

export interface ActivationConfig {
  activation: ActivationName
}

export class ActivationLayer implements Layer {
  readonly type = 'activation'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly activation: ActivationName
  private readonly label: string
  private readonly features: number
  private lastInput: Tensor | undefined
  private lastOutput: Tensor | undefined
  private readonly output = new ReusedBuffer()
  private readonly inputGrad = new ReusedBuffer()

  constructor(config: ActivationConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    if (!(activations as readonly string[]).includes(config.activation)) {
      throw new SpecError(
        `${this.label}: activation must be one of ${activations.join(', ')}, got '${String(config.activation)}'`,
      )
    }
    this.activation = config.activation
    if (ctx.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new SpecError(`${this.label}: invalid per-sample input ${shapeToString(ctx.inputShape)}`)
    }
    if (this.activation === 'softmax' && ctx.inputShape.length !== 1) {
      throw new SpecError(
        `${this.label}: softmax normalises over a flat (features) sample, got ${shapeToString(ctx.inputShape)}; ` +
          `insert a flatten layer before it`,
      )
    }
    this.inputShape = [...ctx.inputShape]
    this.outputShape = this.inputShape
    this.features = shapeSize(this.inputShape)
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    this.lastInput = x
    if (this.activation === 'identity') {
      this.lastOutput = x
      return x
    }
    const y = this.output.take(x.size, options.training)
    switch (this.activation) {
      case 'sigmoid':
        kernels.sigmoidForward(y, x.data, y.length)
        break
      case 'tanh':
        kernels.tanhForward(y, x.data, y.length)
        break
      case 'relu':
        kernels.reluForward(y, x.data, y.length)
        break
      case 'softmax':
        kernels.softmaxForward(y, x.data, n, this.features)
        break
    }
    this.lastOutput = new Tensor(y, x.shape)
    return this.lastOutput
  }

  backward(dy: Tensor): Tensor {
    const x = requireForward(this.label, this.lastInput)
    const y = requireForward(this.label, this.lastOutput)
    const n = x.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    if (this.activation === 'identity') return dy
    const dx = this.inputGrad.take(dy.size)
    switch (this.activation) {
      case 'sigmoid':
        kernels.sigmoidBackward(dx, dy.data, y.data, dx.length)
        break
      case 'tanh':
        kernels.tanhBackward(dx, dy.data, y.data, dx.length)
        break
      case 'relu':
        kernels.reluBackward(dx, dy.data, x.data, dx.length)
        break
      case 'softmax':
        kernels.softmaxBackward(dx, dy.data, y.data, n, this.features)
        break
    }
    return new Tensor(dx, x.shape)
  }

  parameters(): Parameter[] {
    return []
  }
}
