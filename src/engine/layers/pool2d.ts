import { SpecError } from '../errors'
import type { Conv2dGeometry, PoolMode } from '../kernels/kernel-types'
import { kernels } from '../kernels/registry'
import { Tensor } from '../tensor/tensor'
import type { Shape } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import {
  ReusedBuffer,
  batchSize,
  layerLabel,
  requireForward,
  requireInputRank,
  requireSameBatch,
} from './layer-support'
import { type PerAxis, perAxis, windowGeometry } from './window'

/**
 * 2-D pooling over each channel plane, no parameters:
 *
 *   x (N, C, H, W) → y (N, C, OH, OW),  OH = (H − KH + 2pH)/sH + 1,  OW = (W − KW + 2pW)/sW + 1
 *
 *   max  y = max over the window; the argmax of every window is remembered (the lecture's ④: windows
 *        as rows, "最大値の位置を記憶"; ⑤: the row results back into (N, C, OH, OW)), and backward
 *        routes each Δ to that one position. Padding never wins (PyTorch's −∞ padding).
 *   avg  y = (1/(KH·KW)) Σ window, zero padding counted (PyTorch count_include_pad=True);
 *        backward spreads Δ/(KH·KW) over its window (no parameters).
 *   lp   y = (Σ |x|^p)^(1/p) (PyTorch LPPool2d on |x|, p ≥ 1, no padding);
 *        backward ∂x = Δ · sign(x) |x|^(p−1) · y^(1−p).
 *
 * Stride defaults to the window size (non-overlapping windows, as in the lecture); padding to 0 and
 * at most half the window, as in PyTorch. All N·C planes go through the kernel in one call.
 */
export interface Pool2dConfig {
  mode: PoolMode
  size: PerAxis
  stride?: PerAxis
  padding?: PerAxis
  /** The p of Lp pooling (mode 'lp'; default 2). */
  p?: number
}

export class Pool2dLayer implements Layer {
  readonly type = 'pool2d'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly mode: PoolMode
  readonly p: number
  /** Geometry of one sample (channels = C); forward uses a copy with channels = N·C planes. */
  readonly geometry: Conv2dGeometry
  private readonly label: string
  private batchGeometry: Conv2dGeometry
  private argmax = new Int32Array(0)
  private lastInput: Tensor | undefined
  private lastOutput: Tensor | undefined
  private readonly output = new ReusedBuffer()
  private readonly inputGrad = new ReusedBuffer()

  constructor(config: Pool2dConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    requireInputRank(
      this.label,
      ctx.inputShape,
      3,
      '(C, Y, X)',
      'pooling works on images (channels, height, width)',
    )
    if (config.mode !== 'max' && config.mode !== 'avg' && config.mode !== 'lp') {
      throw new SpecError(`${this.label}: mode must be 'max', 'avg' or 'lp', got '${String(config.mode)}'`)
    }
    this.mode = config.mode
    this.p = config.p ?? 2
    if (this.mode === 'lp' && !(Number.isFinite(this.p) && this.p >= 1)) {
      throw new SpecError(`${this.label}: Lp pooling needs a finite p ≥ 1, got p = ${this.p}`)
    }
    const [c, h, w] = ctx.inputShape as [number, number, number]
    const size = perAxis(this.label, 'size', config.size, 1)
    const stride = perAxis(this.label, 'stride', config.stride ?? size, 1)
    const padding = perAxis(this.label, 'padding', config.padding ?? 0, 0)
    if (this.mode === 'lp' && (padding[0] > 0 || padding[1] > 0)) {
      throw new SpecError(
        `${this.label}: Lp pooling takes no padding, got [${padding.join(', ')}]; set padding 0`,
      )
    }
    for (const axis of [0, 1] as const) {
      if (2 * padding[axis] > size[axis]) {
        const which = axis === 0 ? 'height' : 'width'
        throw new SpecError(
          `${this.label}: ${which} padding ${padding[axis]} is more than half the window ${size[axis]}; ` +
            `some windows would hold only padding — use padding ≤ ${Math.floor(size[axis] / 2)}`,
        )
      }
    }
    this.geometry = windowGeometry(this.label, c, h, w, size, stride, padding)
    this.batchGeometry = this.geometry
    this.inputShape = [c, h, w]
    this.outputShape = [c, this.geometry.outH, this.geometry.outW]
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    const n = batchSize(this.label, x, this.inputShape)
    const g = this.planes(n)
    const y = this.output.take(g.channels * g.outH * g.outW, options.training)
    if (this.mode === 'max') {
      if (this.argmax.length !== y.length) this.argmax = new Int32Array(y.length)
      kernels.maxPoolForward(y, this.argmax, x.data, g)
    } else if (this.mode === 'avg') {
      kernels.avgPoolForward(y, x.data, g)
    } else {
      kernels.lpPoolForward(y, x.data, g, this.p)
    }
    const out = new Tensor(y, [n, ...this.outputShape])
    this.lastInput = x
    this.lastOutput = out
    return out
  }

  backward(dy: Tensor): Tensor {
    const x = requireForward(this.label, this.lastInput)
    const y = requireForward(this.label, this.lastOutput)
    const n = x.shape[0]!
    requireSameBatch(this.label, dy, this.outputShape, n)
    const g = this.planes(n)
    const dx = this.inputGrad.take(x.size)
    dx.fill(0) // the pooling backward kernels accumulate
    if (this.mode === 'max') {
      kernels.maxPoolBackward(dx, dy.data, this.argmax, dy.size)
    } else if (this.mode === 'avg') {
      kernels.avgPoolBackward(dx, dy.data, g)
    } else {
      kernels.lpPoolBackward(dx, dy.data, x.data, y.data, g, this.p)
    }
    return new Tensor(dx, x.shape)
  }

  parameters(): Parameter[] {
    return []
  }

  /** The kernel geometry for a batch of n samples: N·C planes, cached until the batch size changes. */
  private planes(n: number): Conv2dGeometry {
    const channels = n * this.geometry.channels
    if (this.batchGeometry.channels !== channels) this.batchGeometry = { ...this.geometry, channels }
    return this.batchGeometry
  }
}
