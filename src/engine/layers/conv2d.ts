import { ShapeError } from '../errors'
import { initBias, initWeights } from '../init/initializers'
import type { Conv2dGeometry } from '../kernels/kernel-types'
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
import { type PerAxis, perAxis, windowGeometry } from './window'

/**
 * 2-D convolution (cross-correlation, no kernel flip, as in the lecture) as im2col + GEMM:
 *
 *   x (N, C, H, W) → y (N, M, OH, OW),  OH = (H − KH + 2pH)/sH + 1,  OW = (W − KW + 2pW)/sW + 1
 *
 * image by image (the conv2dForward / conv2dBackward kernels, kernels/js/conv2d.ts), P = OH·OW:
 *             ① X′ = im2col(x_n)                       (C·KH·KW, P)
 *             ② F  = filters as rows                   (M, C·KH·KW) = PyTorch's (M, C, KH, KW) flattened
 *             ③ y_n = F X′                             (M, P), then + b
 * backward:   ∂F += Δ_n X′ᵗ                            (M, C·KH·KW), summed over the images in order
 *             ∂b += Σ_positions Δ                      (M)
 *             ∂X′ = Fᵗ Δ_n, then col2im                (the inverse of transform ①, accumulating overlaps)
 * The lecture writes the filter gradient as ∂F = X′Δ with Δ laid out (OH·OW·N, M), i.e. our ∂Fᵗ: we keep
 * F as (M, C·KH·KW) so the same product appears transposed.
 *
 * Why per image: one image's X′ (LeNet-5 conv1: 78 KB) stays in cache between im2col and the GEMM,
 * y_n lands in place (no reorder), and backward rebuilds X′ instead of keeping the batch's (5 MB).
 * On the WebAssembly backend the whole batch is one call, so X′ never leaves wasm memory. As the
 * first layer of a network (backward with inputGrad false) it skips ∂X′ and col2im.
 *
 * Parameters `${name}.W` (M, C·KH·KW) and `${name}.b` (M). Init: fanIn = C·KH·KW, fanOut = M·KH·KW.
 */
export interface Conv2dConfig {
  filters: number
  kernel: PerAxis
  stride?: PerAxis
  padding?: PerAxis
  useBias?: boolean
}

export class Conv2dLayer implements Layer {
  readonly type = 'conv2d'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly geometry: Conv2dGeometry
  readonly filters: number
  /** F (M, C·KH·KW): row m is filter m flattened in (c, ky, kx) order. */
  readonly weight: Parameter
  readonly bias: Parameter | undefined
  private readonly label: string
  private readonly patch: number // C·KH·KW
  private readonly positions: number // P = OH·OW
  private readonly output = new ReusedBuffer()
  private readonly inputGrad = new ReusedBuffer()
  private readonly imageCols = new ReusedBuffer() // one image's X′ (C·KH·KW, P): the kernels' workspace
  private lastInput: Tensor | undefined

  constructor(config: Conv2dConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    requireInputRank(
      this.label,
      ctx.inputShape,
      3,
      '(C, Y, X)',
      'conv2d works on images: give the input as (channels, height, width) or add a reshape layer',
    )
    const [c, h, w] = ctx.inputShape as [number, number, number]
    this.filters = requirePositiveInt(this.label, 'filters', config.filters)
    const kernel = perAxis(this.label, 'kernel', config.kernel, 1)
    const stride = perAxis(this.label, 'stride', config.stride ?? 1, 1)
    const padding = perAxis(this.label, 'padding', config.padding ?? 0, 0)
    this.geometry = windowGeometry(this.label, c, h, w, kernel, stride, padding)
    const g = this.geometry
    this.inputShape = [c, h, w]
    this.outputShape = [this.filters, g.outH, g.outW]
    this.patch = c * g.kernelH * g.kernelW
    this.positions = g.outH * g.outW
    this.weight = createParameter(`${ctx.name}.W`, [this.filters, this.patch])
    const area = g.kernelH * g.kernelW
    initWeights(this.weight.value.data, ctx.init, this.patch, this.filters * area, ctx.rng)
    if (config.useBias ?? true) {
      this.bias = createParameter(`${ctx.name}.b`, [this.filters])
      initBias(this.bias.value.data, ctx.init, ctx.rng)
    }
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    const y = this.output.take(n * this.filters * this.positions, options.training)
    const cols = this.imageCols.take(this.patch * this.positions)
    const bias = this.bias ? this.bias.value.data : null
    kernels.conv2dForward(y, x.data, this.weight.value.data, bias, cols, n, this.filters, this.geometry)
    this.lastInput = x
    return new Tensor(y, [n, ...this.outputShape])
  }

  backward(dy: Tensor, options?: BackwardOptions): Tensor {
    const x = requireForward(this.label, this.lastInput)
    const n = x.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    const wantsInput = options?.inputGrad !== false
    const dx = wantsInput ? this.inputGrad.take(x.size) : null
    const cols = this.imageCols.take(this.patch * this.positions)
    const dBias = this.bias ? this.bias.grad.data : null
    const w = this.weight
    kernels.conv2dBackward(
      dx,
      w.grad.data,
      dBias,
      dy.data,
      x.data,
      w.value.data,
      cols,
      n,
      this.filters,
      this.geometry,
    )
    return dx ? new Tensor(dx, x.shape) : emptyBatch(this.inputShape)
  }

  /**
   * Transform ① of one image for display (the im2col view): X′ (C·KH·KW, OH·OW) of image `index`
   * of the batch x, in a new tensor. Row (c·KH + ky)·KW + kx, column oy·OW + ox.
   */
  columns(x: Tensor, index = 0): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new ShapeError(`${this.label}: image index ${index} is outside the batch of ${n}`)
    }
    const cols = new Float32Array(this.patch * this.positions)
    kernels.im2col(cols, x.data, index * (x.size / n), this.geometry)
    return new Tensor(cols, [this.patch, this.positions])
  }

  parameters(): Parameter[] {
    return this.bias ? [this.weight, this.bias] : [this.weight]
  }
}
