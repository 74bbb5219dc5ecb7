import { ShapeError } from '../errors'
import { initBias, initWeights } from '../init/initializers'
import type { Conv2dGeometry } from '../kernels/kernel-types'
import { kernels } from '../kernels/registry'
import { Tensor } from '../tensor/tensor'
import type { Shape } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import {
  batchSize,
  createParameter,
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
 * per image:  ① X' = im2col(x)            (C·KH·KW, OH·OW)
 *             ② F  = filters as rows      (M, C·KH·KW) = PyTorch's (M, C, KH, KW) flattened
 *             ③ U' = F X' + b             (M, OH·OW) = the image's (M, OH, OW) block of y
 * backward:   ∂F += Δ X'ᵗ                 (M, C·KH·KW)
 *             ∂b += Σ_positions Δ         (M)
 *             ∂X' = Fᵗ Δ, then col2im     (the inverse of transform ①, accumulating overlaps)
 * The lecture writes the filter gradient as ∂F = X'Δ with Δ laid out (OH·OW·N, M), i.e. our ∂Fᵗ: we keep
 * F as (M, C·KH·KW) so the same product appears transposed. Its batched X' holds the whole batch; we
 * loop over images with one column buffer, so memory stays O(C·KH·KW·OH·OW) whatever the batch.
 * backward recomputes X' per image rather than keeping N of them.
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
  private readonly positions: number // OH·OW
  // Column buffers of ONE image, allocated at the first forward (shape inference alone never pays
  // for them) and reused for every image and call after that.
  private cols = new Float32Array(0) // X' (C·KH·KW, OH·OW)
  private imageCols = new Float32Array(0) // U' or Δ (M, OH·OW)
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

  forward(x: Tensor, _options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    if (this.cols.length === 0) {
      this.cols = new Float32Array(this.patch * this.positions)
      this.imageCols = new Float32Array(this.filters * this.positions)
    }
    const { patch, positions, filters, cols, imageCols } = this
    const inSize = this.inputShape[0]! * this.geometry.height * this.geometry.width
    const outSize = filters * positions
    const y = new Float32Array(n * outSize)
    for (let i = 0; i < n; i++) {
      kernels.im2col(cols, x.data, i * inSize, this.geometry) // ①
      kernels.gemm(imageCols, this.weight.value.data, cols, filters, positions, patch, false, false, false) // ②③
      y.set(imageCols, i * outSize)
    }
    if (this.bias) kernels.addChannelBias(y, this.bias.value.data, n, filters, positions)
    this.lastInput = x
    return new Tensor(y, [n, ...this.outputShape])
  }

  backward(dy: Tensor): Tensor {
    const x = requireForward(this.label, this.lastInput)
    const n = x.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    const { patch, positions, filters, cols, imageCols } = this
    const inSize = this.inputShape[0]! * this.geometry.height * this.geometry.width
    const outSize = filters * positions
    const w = this.weight
    const dx = new Float32Array(n * inSize)
    if (this.bias) kernels.sumChannels(this.bias.grad.data, dy.data, n, filters, positions)
    for (let i = 0; i < n; i++) {
      const offset = i * outSize
      for (let j = 0; j < outSize; j++) imageCols[j] = dy.data[offset + j]!
      kernels.im2col(cols, x.data, i * inSize, this.geometry)
      // ∂F (M × CK²) += Δ (M × P) · X'ᵗ (P × CK²)
      kernels.gemm(w.grad.data, imageCols, cols, filters, patch, positions, false, true, true)
      // ∂X' (CK² × P) = Fᵗ (CK² × M) · Δ (M × P); X' is free now, so it holds ∂X'
      kernels.gemm(cols, w.value.data, imageCols, patch, positions, filters, true, false, false)
      kernels.col2im(dx, i * inSize, cols, this.geometry) // inverse of ①
    }
    return new Tensor(dx, x.shape)
  }

  /**
   * Transform ① of one image for display (the im2col view): X' (C·KH·KW, OH·OW) of image `index`
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
