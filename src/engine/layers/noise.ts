import { SpecError } from '../errors'
import type { Rng } from '../init/rng'
import { Tensor } from '../tensor/tensor'
import { type Shape, shapeToString } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'
import { batchSize, layerLabel, requireForward, requireSameBatch } from './layer-support'

/**
 * Training-time corruption x → x̃ for denoising autoencoders (the lecture's "Denoisingオートエンコーダ":
 * the network sees x̃, the teacher signal is the clean x, E = Σ ‖y − x‖²):
 *
 *   gaussian         x̃ = x + σ ε,  ε ~ N(0, 1) per element
 *   masking          x̃ = 0 with probability `fraction`, else x
 *   salt-and-pepper  x̃ = 0 or 1 (equal odds) with probability `fraction`, else x
 *   eval mode        x̃ = x
 *
 *   x (N, …shape) → x̃ (N, …shape). One uniform draw per element from ctx.rng (u < f/2 → 0 and
 * f/2 ≤ u < f → 1 for salt-and-pepper; u < f → 0 for masking; gaussian draws one normal), so a seed
 * fixes the corruption.
 *
 * backward passes ∂x̃ through unchanged. The corruption belongs to the DATA, not to the model: the layer
 * sits on the input (or on a frozen lower encoder's output during greedy pre-training), nothing before
 * it has parameters that learn from this gradient, and the loss compares with the clean x anyway. For
 * additive gaussian noise this is the exact Jacobian (∂x̃/∂x = I); for masking and salt-and-pepper the
 * exact Jacobian would zero the corrupted positions, and passing through treats the corruption as
 * a fixed perturbation of the input (straight-through), which keeps the layer transparent if it is
 * ever placed after trainable layers. No parameters.
 */
export type NoiseConfig =
  | { kind: 'gaussian'; sigma: number }
  | { kind: 'masking'; fraction: number }
  | { kind: 'salt-and-pepper'; fraction: number }

export type NoiseKind = NoiseConfig['kind']

export class NoiseLayer implements Layer {
  readonly type = 'noise'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly config: NoiseConfig
  private readonly label: string
  private readonly rng: Rng
  private lastBatch: number | undefined

  constructor(config: NoiseConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = layerLabel(this.type, ctx.name)
    if (config.kind === 'gaussian') {
      if (typeof config.sigma !== 'number' || !(config.sigma >= 0) || !Number.isFinite(config.sigma)) {
        throw new SpecError(
          `${this.label}: gaussian sigma must be a finite number ≥ 0, got ${String(config.sigma)}`,
        )
      }
    } else if (config.kind === 'masking' || config.kind === 'salt-and-pepper') {
      const f = config.fraction
      if (typeof f !== 'number' || !(f >= 0 && f <= 1)) {
        throw new SpecError(`${this.label}: ${config.kind} fraction must be in [0, 1], got ${String(f)}`)
      }
    } else {
      const kind = (config as { kind?: unknown }).kind
      throw new SpecError(
        `${this.label}: kind must be 'gaussian', 'masking' or 'salt-and-pepper', got '${String(kind)}'`,
      )
    }
    if (ctx.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new SpecError(`${this.label}: invalid per-sample input ${shapeToString(ctx.inputShape)}`)
    }
    this.config = { ...config }
    this.rng = ctx.rng
    this.inputShape = [...ctx.inputShape]
    this.outputShape = this.inputShape
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    this.lastBatch = batchSize(this.label, x, this.inputShape)
    if (!options.training) return x
    const y = new Float32Array(x.size)
    const src = x.data
    const rng = this.rng
    const c = this.config
    if (c.kind === 'gaussian') {
      for (let i = 0; i < y.length; i++) y[i] = src[i]! + c.sigma * rng.normal()
    } else if (c.kind === 'masking') {
      for (let i = 0; i < y.length; i++) y[i] = rng.uniform() < c.fraction ? 0 : src[i]!
    } else {
      const half = c.fraction / 2
      for (let i = 0; i < y.length; i++) {
        const u = rng.uniform()
        y[i] = u < half ? 0 : u < c.fraction ? 1 : src[i]!
      }
    }
    return new Tensor(y, x.shape)
  }

  backward(dy: Tensor): Tensor {
    const n = requireForward(this.label, this.lastBatch)
    requireSameBatch(this.label, dy, this.outputShape, n)
    return dy
  }

  parameters(): Parameter[] {
    return []
  }
}
