import { SpecError } from '../errors'
import type { Rng } from '../init/rng'
import { Tensor } from '../tensor/tensor'
import { type Shape, shapeToString } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import { batchSize, layerLabel, requireForward, requireSameBatch } from './layer-support'

/**
 * Inverted dropout with rate r (the probability of dropping a unit):
 *
 *   training  m_i = 1/(1 − r) with probability 1 − r, else 0;   y = x ⊙ m;   ∂x = ∂y ⊙ m
 *   eval      y = x;                                           ∂x = ∂y
 *
 *   x (N, …shape) → y (N, …shape). Scaling the kept units by 1/(1 − r) while training keeps E[y] = x,
 * so nothing changes at evaluation time. The mask is drawn from ctx.rng (one uniform per element,
 * kept when u ≥ r), so a seeded run drops the same units every time; backward reuses the mask of
 * the last forward. No parameters.
 */
export interface DropoutConfig {
  rate: number
}

export class DropoutLayer implements Layer {
  readonly type = 'dropout'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly rate: number
  private readonly label: string
  private readonly rng: Rng
  /** 1/(1 − r) for kept elements, 0 for dropped ones; reused while the batch size stays the same. */
  private mask = new Float32Array(0)
  private lastBatch: number | undefined
  private lastTraining = false

  constructor(config: DropoutConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    const rate = config.rate
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
      throw new SpecError(
        `${this.label}: rate must be in [0, 1), got ${String(rate)}; e.g. 0.5 drops half the units`,
      )
    }
    if (ctx.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new SpecError(`${this.label}: invalid per-sample input ${shapeToString(ctx.inputShape)}`)
    }
    this.rate = rate
    this.rng = ctx.rng
    this.inputShape = [...ctx.inputShape]
    this.outputShape = this.inputShape
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    this.lastBatch = batchSize(this.label, x, this.inputShape)
    this.lastTraining = options.training && this.rate > 0
    if (!this.lastTraining) return x
    if (this.mask.length !== x.size) this.mask = new Float32Array(x.size)
    const mask = this.mask
    const keep = 1 / (1 - this.rate)
    const y = new Float32Array(x.size)
    for (let i = 0; i < y.length; i++) {
      mask[i] = this.rng.uniform() >= this.rate ? keep : 0
      y[i] = x.data[i]! * mask[i]!
    }
    return new Tensor(y, x.shape)
  }

  backward(dy: Tensor): Tensor {
    const n = requireForward(this.label, this.lastBatch)
    requireSameBatch(this.label, dy, this.outputShape, n)
    if (!this.lastTraining) return dy
    const dx = new Float32Array(dy.size)
    for (let i = 0; i < dx.length; i++) dx[i] = dy.data[i]! * this.mask[i]!
    return new Tensor(dx, dy.shape)
  }

  parameters(): Parameter[] {
    return []
  }

  /** The mask of the last training forward (1/(1 − r) kept, 0 dropped): for inspection and tests. */
  lastMask(): Float32Array {
    return this.mask
  }
}
