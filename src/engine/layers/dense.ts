import { initBias, initWeights } from '../init/initializers'
import { kernels } from '../kernels/registry'
import { Tensor } from '../tensor/tensor'
import type { Shape } from '../tensor/shape'
import type { BackwardOptions, ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import {
  ReusedBuffer,
  batchSize,
  createParameter,
  emptyBatch,
  layerLabel,
  requireForward,
  requireInputRank,
  requirePositiveInt,
  requireSameBatch,
} from './layer-support'

/**
 * Fully connected layer in the lecture's row-vector convention (DL.py `np.dot(self.x, self.w) + self.b`):
 *
 *   forward   U = X W + 1 b            X (N, n) → U (N, m), W (n × m) = (inputs × units), b (m)
 *   backward  ∂W += Xᵗ Δ               (the lecture's ∂W = xᵗΔ, summed over the batch)
 *             ∂b += 1ᵗ Δ               (column sums of Δ)
 *             ∂X  = Δ Wᵗ               (the error passed back, "ΔWᵗ")
 *
 * Parameters `${name}.W` (inputs × units) and `${name}.b` (units) are the npz keys; the lecture's
 * weight files store the same W = `w` and b = `b`. The per-sample input must be flat (features): an
 * image needs an explicit flatten layer first. Init: fanIn = inputs, fanOut = units.
 */
export interface DenseConfig {
  units: number
  /** Add the bias b (default true). */
  useBias?: boolean
}

export class DenseLayer implements Layer {
  readonly type = 'dense'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly inputs: number
  readonly units: number
  /** W (inputs × units). A tied decoder uses this very tensor as Wᵗ. */
  readonly weight: Parameter
  readonly bias: Parameter | undefined
  private readonly label: string
  private lastInput: Tensor | undefined
  private readonly output = new ReusedBuffer()
  private readonly inputGrad = new ReusedBuffer()

  constructor(config: DenseConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    requireInputRank(
      this.label,
      ctx.inputShape,
      1,
      '(features)',
      'insert a flatten layer before it to turn (C, Y, X) into (C·Y·X)',
    )
    this.inputs = ctx.inputShape[0]!
    this.units = requirePositiveInt(this.label, 'units', config.units)
    this.inputShape = [this.inputs]
    this.outputShape = [this.units]
    this.weight = createParameter(`${ctx.name}.W`, [this.inputs, this.units])
    initWeights(this.weight.value.data, ctx.init, this.inputs, this.units, ctx.rng)
    if (config.useBias ?? true) {
      this.bias = createParameter(`${ctx.name}.b`, [this.units])
      initBias(this.bias.value.data, ctx.init, ctx.rng)
    }
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    const y = this.output.take(n * this.units, options.training)
    kernels.gemm(y, x.data, this.weight.value.data, n, this.units, this.inputs, false, false, false)
    if (this.bias) kernels.addRowBias(y, this.bias.value.data, n, this.units)
    this.lastInput = x
    return new Tensor(y, [n, this.units])
  }

  backward(dy: Tensor, options?: BackwardOptions): Tensor {
    const x = requireForward(this.label, this.lastInput)
    const n = x.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    // ∂W (n_in × m) += Xᵗ (n_in × N) · Δ (N × m)
    kernels.gemm(this.weight.grad.data, x.data, dy.data, this.inputs, this.units, n, true, false, true)
    if (this.bias) kernels.sumRows(this.bias.grad.data, dy.data, n, this.units)
    if (options?.inputGrad === false) return emptyBatch(this.inputShape)
    // ∂X (N × n_in) = Δ (N × m) · Wᵗ (m × n_in)
    const dx = this.inputGrad.take(n * this.inputs)
    kernels.gemm(dx, dy.data, this.weight.value.data, n, this.inputs, this.units, false, true, false)
    return new Tensor(dx, x.shape)
  }

  parameters(): Parameter[] {
    return this.bias ? [this.weight, this.bias] : [this.weight]
  }
}
