import { ShapeError, SpecError } from '../errors'
import { Tensor } from '../tensor/tensor'
import { type Shape, shapeToString } from '../tensor/shape'
import type { ForwardOptions, Layer, LayerContext, Parameter } from './layer'

/**
 * Normalise each sample's values to sum 1: the hidden layer of the lecture's AE.py (実習②).
 *
 *   mode 'softmax'  y_i = e^(u_i) / Σ_j e^(u_j)      what AE.py's Hunit.Propagation computes
 *                                                   (`self.out = Softmax(self.u)`)
 *   mode 'divide'   y_i = u_i / Σ_j u_j              (Σ_j u_j must not be 0)
 *
 *   backward 'exact'     the Jacobian of the mode:  softmax  ∂u_i = y_i (∂y_i − Σ_j ∂y_j y_j)
 *                                                   divide   ∂u_i = (∂y_i − Σ_j ∂y_j y_j) / Σ_j u_j
 *   backward 'identity'  ∂u = ∂y, the lecture's program: Hunit.Error sets `f_ = 1`, "strictly the
 *                        activation is the identity, with the hidden outputs made to sum 1" (the slide's
 *                        footnote), so its updates use the gradient of an identity layer.
 *
 *   u (N, features) → y (N, features); sums in float64. No parameters.
 *
 * In a model spec: `{ "type": "unit-sum", "mode": "softmax" | "divide", "backward": "exact" | "identity" }`
 * (defaults softmax, exact). The presets lecture-ae-32/100 list it after the hidden layer with
 * backward 'identity', which reproduces AE.py's updates step for step.
 */
export const unitSumModes = ['softmax', 'divide'] as const
export type UnitSumMode = (typeof unitSumModes)[number]
export const unitSumBackwards = ['exact', 'identity'] as const
export type UnitSumBackward = (typeof unitSumBackwards)[number]

export interface UnitSumConfig {
  mode: UnitSumMode
  backward: UnitSumBackward
}

export class UnitSumLayer implements Layer {
  readonly type = 'unit-sum'
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly config: UnitSumConfig
  private readonly label: string
  private readonly features: number
  private lastOutput: Tensor | undefined
  /** Σ_j u_j per sample (mode 'divide'). */
  private lastSums: Float64Array | undefined

  constructor(config: UnitSumConfig, ctx: LayerContext) {
    this.name = ctx.name
    this.label = `unit-sum '${ctx.name}'`
    if (!unitSumModes.includes(config.mode)) {
      throw new SpecError(`${this.label}: mode must be softmax or divide, got '${String(config.mode)}'`)
    }
    if (!unitSumBackwards.includes(config.backward)) {
      throw new SpecError(
        `${this.label}: backward must be exact or identity, got '${String(config.backward)}'`,
      )
    }
    if (ctx.inputShape.length !== 1 || !Number.isInteger(ctx.inputShape[0]) || ctx.inputShape[0]! < 1) {
      throw new SpecError(
        `${this.label}: normalises a flat (features) sample, got ${shapeToString(ctx.inputShape)}; ` +
          `put it after a dense layer`,
      )
    }
    this.config = { ...config }
    this.inputShape = [...ctx.inputShape]
    this.outputShape = this.inputShape
    this.features = ctx.inputShape[0]!
  }

  forward(x: Tensor, _options: ForwardOptions): Tensor {
    const n = this.batch(x, 'input')
    const f = this.features
    const u = x.data
    const y = new Float32Array(x.size)
    const sums = new Float64Array(n)
    for (let r = 0; r < n; r++) {
      const o = r * f
      if (this.config.mode === 'softmax') {
        let max = -Infinity
        for (let j = 0; j < f; j++) max = Math.max(max, u[o + j]!)
        let sum = 0
        for (let j = 0; j < f; j++) sum += Math.exp(u[o + j]! - max)
        for (let j = 0; j < f; j++) y[o + j] = Math.exp(u[o + j]! - max) / sum
        sums[r] = sum
      } else {
        let sum = 0
        for (let j = 0; j < f; j++) sum += u[o + j]!
        if (sum === 0 || !Number.isFinite(sum)) {
          throw new ShapeError(
            `${this.label}: sample ${r} sums to ${sum}, cannot divide by it; use mode 'softmax' or ` +
              `non-negative activations (sigmoid, relu) before this layer`,
          )
        }
        for (let j = 0; j < f; j++) y[o + j] = u[o + j]! / sum
        sums[r] = sum
      }
    }
    this.lastOutput = new Tensor(y, x.shape)
    this.lastSums = sums
    return this.lastOutput
  }

  backward(dy: Tensor): Tensor {
    const y = this.lastOutput
    const sums = this.lastSums
    if (!y || !sums) {
      throw new ShapeError(
        `${this.label}: backward() was called before forward(); run forward on a batch first`,
      )
    }
    const n = this.batch(dy, 'upstream gradient')
    if (n !== y.shape[0]) {
      throw new ShapeError(
        `${this.label}: upstream gradient must have the last output's shape ${shapeToString(y.shape)}, ` +
          `got ${shapeToString(dy.shape)}`,
      )
    }
    if (this.config.backward === 'identity') return dy
    const f = this.features
    const dx = new Float32Array(dy.size)
    for (let r = 0; r < n; r++) {
      const o = r * f
      let dot = 0
      for (let j = 0; j < f; j++) dot += dy.data[o + j]! * y.data[o + j]!
      if (this.config.mode === 'softmax') {
        for (let j = 0; j < f; j++) dx[o + j] = y.data[o + j]! * (dy.data[o + j]! - dot)
      } else {
        for (let j = 0; j < f; j++) dx[o + j] = (dy.data[o + j]! - dot) / sums[r]!
      }
    }
    return new Tensor(dx, dy.shape)
  }

  parameters(): Parameter[] {
    return []
  }

  private batch(t: Tensor, what: string): number {
    const n = t.shape[0]
    if (n === undefined || n < 1 || t.shape.length !== 2 || t.shape[1] !== this.features) {
      throw new ShapeError(
        `${this.label}: ${what} must be (N, ${this.features}) with N ≥ 1, got ${shapeToString(t.shape)}`,
      )
    }
    return n
  }
}
