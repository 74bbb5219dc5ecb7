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
 * over the batch, as the lecture's batched X′ (P = OH·OW, B images at a time):
 *             ① X′ = [im2col(x₁) | … | im2col(x_B)]   (C·KH·KW, B·P): image i owns columns i·P …
 *             ② F  = filters as rows                   (M, C·KH·KW) = PyTorch's (M, C, KH, KW) flattened
 *             ③ U′ = F X′                              (M, B·P), reordered to y (B, M, P), then + b
 * backward:   Δ′  = Δ (B, M, P) reordered to           (M, B·P)
 *             ∂F += Δ′ X′ᵗ                             (M, C·KH·KW)
 *             ∂b += Σ_positions Δ                      (M)
 *             ∂X′ = Fᵗ Δ′, then col2im per image       (the inverse of transform ①, accumulating overlaps)
 * The lecture writes the filter gradient as ∂F = X′Δ with Δ laid out (OH·OW·N, M), i.e. our ∂Fᵗ: we keep
 * F as (M, C·KH·KW) so the same product appears transposed.
 *
 * Why batched: one GEMM per pass over B images instead of B small ones, each of which (on the wasm
 * backend) copies its operands into wasm memory and back; a wide X′ also keeps the GEMM's register
 * tiles full. But X′ must stay in cache: on LeNet-5 a whole-batch X′ (5 MB) measured SLOWER than one
 * GEMM per image (78 KB), so B is chosen so that X′ holds at most `columnBudget` floats (1 MB, about
 * an L2 cache), and the batch runs in chunks of B images. Buffers grow to the largest chunk seen and are
 * reused. When the whole batch fits one chunk, backward reuses forward's X′ instead of recomputing it.
 * Each output column sums over C·KH·KW in the same order whatever B, so results do not depend on B.
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

/** Default bound of the batched column matrix X′: 256 Ki floats = 1 MB (stays in L2 cache). */
export const CONV2D_COLUMN_BUDGET = 256 * 1024

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
  /** The most floats the column matrix X′ (C·KH·KW, B·P) may hold; B is chosen to fit (at least 1). */
  columnBudget = CONV2D_COLUMN_BUDGET
  private readonly label: string
  private readonly patch: number // C·KH·KW
  private readonly positions: number // P = OH·OW
  private readonly inSize: number // C·H·W
  // Buffers allocated at the first forward (shape inference alone never pays for them), grown to the
  // largest chunk seen, reused after that.
  private cols = new Float32Array(0) // X′ or ∂X′ (C·KH·KW, B·P)
  private wide = new Float32Array(0) // U′ or Δ′ (M, B·P)
  private imageCols = new Float32Array(0) // one image's X′ or ∂X′ (C·KH·KW, P)
  /** cols holds X′ of the whole batch lastInput (forward ran in one chunk, backward not yet). */
  private colsHoldInput = false
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
    this.inSize = c * h * w
    this.weight = createParameter(`${ctx.name}.W`, [this.filters, this.patch])
    const area = g.kernelH * g.kernelW
    initWeights(this.weight.value.data, ctx.init, this.patch, this.filters * area, ctx.rng)
    if (config.useBias ?? true) {
      this.bias = createParameter(`${ctx.name}.b`, [this.filters])
      initBias(this.bias.value.data, ctx.init, ctx.rng)
    }
  }

  /** Images per chunk for a batch of n, growing the buffers to fit it. */
  private chunkFor(n: number): number {
    const chunk = Math.max(1, Math.min(n, Math.floor(this.columnBudget / (this.patch * this.positions))))
    const width = chunk * this.positions
    if (this.cols.length < this.patch * width) {
      this.cols = new Float32Array(this.patch * width)
      this.wide = new Float32Array(this.filters * width)
      this.colsHoldInput = false
    }
    if (this.imageCols.length === 0) this.imageCols = new Float32Array(this.patch * this.positions)
    return chunk
  }

  /** ① for images first … first+count−1 of x into cols (C·KH·KW, count·P). */
  private fillColumns(x: Float32Array, first: number, count: number): void {
    const { patch, positions: p, cols, imageCols } = this
    const width = count * p
    if (count === 1) {
      kernels.im2col(cols, x, first * this.inSize, this.geometry)
      return
    }
    for (let i = 0; i < count; i++) {
      kernels.im2col(imageCols, x, (first + i) * this.inSize, this.geometry)
      for (let r = 0; r < patch; r++) cols.set(imageCols.subarray(r * p, r * p + p), r * width + i * p)
    }
  }

  forward(x: Tensor, _options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    const chunk = this.chunkFor(n)
    const { patch, positions: p, filters, cols, wide } = this
    const outSize = filters * p
    const y = new Float32Array(n * outSize)
    for (let first = 0; first < n; first += chunk) {
      const count = Math.min(chunk, n - first)
      const width = count * p
      this.fillColumns(x.data, first, count) // ①
      kernels.gemm(wide, this.weight.value.data, cols, filters, width, patch, false, false, false) // ②③
      // U′ (M, count·P) → y (count, M, P)
      for (let i = 0; i < count; i++) {
        for (let m = 0; m < filters; m++) {
          const src = m * width + i * p
          y.set(wide.subarray(src, src + p), (first + i) * outSize + m * p)
        }
      }
    }
    if (this.bias) kernels.addChannelBias(y, this.bias.value.data, n, filters, p)
    this.colsHoldInput = chunk >= n
    this.lastInput = x
    return new Tensor(y, [n, ...this.outputShape])
  }

  backward(dy: Tensor): Tensor {
    const x = requireForward(this.label, this.lastInput)
    const n = x.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    const chunk = this.chunkFor(n)
    const { patch, positions: p, filters, cols, wide, imageCols, inSize } = this
    const outSize = filters * p
    const w = this.weight
    const dx = new Float32Array(n * inSize)
    if (this.bias) kernels.sumChannels(this.bias.grad.data, dy.data, n, filters, p)
    for (let first = 0; first < n; first += chunk) {
      const count = Math.min(chunk, n - first)
      const width = count * p
      // Δ (count, M, P) → Δ′ (M, count·P)
      for (let i = 0; i < count; i++) {
        for (let m = 0; m < filters; m++) {
          const src = (first + i) * outSize + m * p
          wide.set(dy.data.subarray(src, src + p), m * width + i * p)
        }
      }
      if (!this.colsHoldInput) this.fillColumns(x.data, first, count) // ① again
      this.colsHoldInput = false // cols is about to hold ∂X′
      // ∂F (M × CK²) += Δ′ (M × count·P) · X′ᵗ (count·P × CK²)
      kernels.gemm(w.grad.data, wide, cols, filters, patch, width, false, true, true)
      // ∂X′ (CK² × count·P) = Fᵗ (CK² × M) · Δ′ (M × count·P); X′ is free now, so it holds ∂X′
      kernels.gemm(cols, w.value.data, wide, patch, width, filters, true, false, false)
      if (count === 1) {
        kernels.col2im(dx, first * inSize, cols, this.geometry) // inverse of ①
        continue
      }
      for (let i = 0; i < count; i++) {
        for (let r = 0; r < patch; r++) {
          const src = r * width + i * p
          imageCols.set(cols.subarray(src, src + p), r * p)
        }
        kernels.col2im(dx, (first + i) * inSize, imageCols, this.geometry) // inverse of ①
      }
    }
    return new Tensor(dx, x.shape)
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
