import { SpecError } from '../errors'
import { initBias } from '../init/initializers'
import { kernels } from '../kernels/registry'
import { Tensor } from '../tensor/tensor'
import { type Shape, sameShape, shapeToString } from '../tensor/shape'
import type { DenseLayer } from './dense'
import type { BackwardOptions, ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import {
  ReusedBuffer,
  batchSize,
  createParameter,
  emptyBatch,
  layerLabel,
  requireForward,
  requireSameBatch,
} from './layer-support'

/**
 * Tied decoder of an autoencoder: the lecture's W̃ = Wᵗ (AE.py). With the encoder h = f(xW + b),
 *
 *   forward   Y = H Wᵗ + 1 b̃          H (N, m) → Y (N, n), W (n × m) IS the encoder's weight tensor
 *   backward  ∂W += (Hᵗ Δ)ᵗ = Δᵗ H     (n × m): ACCUMULATED into the encoder's W.grad
 *             ∂b̃ += 1ᵗ Δ
 *             ∂H  = Δ W
 *
 * Because both the encoder's backward (∂W += Xᵗ Δ_enc) and this one add into the same W.grad, one
 * optimizer step on W sees the sum of both uses, which is the gradient of E(W) with W shared.
 * This layer OWNS only its bias `${name}.b`; parameters() does not list W (the encoder does), so a
 * checkpoint stores W once. Output units = encoder inputs; input = the encoder's units.
 */
export interface TiedDenseConfig {
  /** Add the decoder bias b̃ (default true). */
  useBias?: boolean
}

export class TiedDenseLayer implements Layer {
  readonly type = 'tied-dense'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly encoder: DenseLayer
  readonly bias: Parameter | undefined
  private readonly label: string
  private lastInput: Tensor | undefined
  private readonly output = new ReusedBuffer()
  private readonly inputGrad = new ReusedBuffer()

  constructor(config: TiedDenseConfig, ctx: LayerContext, encoder: DenseLayer) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    this.encoder = encoder
    const expected: Shape = [encoder.units]
    if (!sameShape(ctx.inputShape, expected)) {
      throw new SpecError(
        `${this.label}: is tied to dense '${encoder.name}' (W ${encoder.inputs} × ${encoder.units}) so it ` +
          `expects a per-sample input (${encoder.units}), got ${shapeToString(ctx.inputShape)}; ` +
          `tie it to the encoder whose output it decodes`,
      )
    }
    this.inputShape = expected
    this.outputShape = [encoder.inputs]
    if (config.useBias ?? true) {
      this.bias = createParameter(`${ctx.name}.b`, [encoder.inputs])
      initBias(this.bias.value.data, ctx.init, ctx.rng)
    }
  }

  /** The shared weight: the encoder's W parameter (value and grad are the encoder's tensors). */
  get weight(): Parameter {
    return this.encoder.weight
  }

  forward(h: Tensor, options: ForwardOptions): Tensor {
    const n = batchSize(this.label, h, this.inputShape)
    const units = this.encoder.units
    const outputs = this.encoder.inputs
    const y = this.output.take(n * outputs, options.training)
    // Y (N × n) = H (N × m) · Wᵗ (m × n)
    kernels.gemm(y, h.data, this.encoder.weight.value.data, n, outputs, units, false, true, false)
    if (this.bias) kernels.addRowBias(y, this.bias.value.data, n, outputs)
    this.lastInput = h
    return new Tensor(y, [n, outputs])
  }

  backward(dy: Tensor, options?: BackwardOptions): Tensor {
    const h = requireForward(this.label, this.lastInput)
    const n = h.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    const units = this.encoder.units
    const outputs = this.encoder.inputs
    const w = this.encoder.weight
    // ∂W (n × m) += Δᵗ (n × N) · H (N × m), added to whatever the encoder's backward puts there
    kernels.gemm(w.grad.data, dy.data, h.data, outputs, units, n, true, false, true)
    if (this.bias) kernels.sumRows(this.bias.grad.data, dy.data, n, outputs)
    if (options?.inputGrad === false) return emptyBatch(this.inputShape)
    // ∂H (N × m) = Δ (N × n) · W (n × m)
    const dh = this.inputGrad.take(n * units)
    kernels.gemm(dh, dy.data, w.value.data, n, units, outputs, false, false, false)
    return new Tensor(dh, h.shape)
  }

  parameters(): Parameter[] {
    return this.bias ? [this.bias] : []
  }
}
