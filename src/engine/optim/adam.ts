import { SpecError } from '../errors'
import '../kernels/js' // the reference adamUpdate is always registered, whoever imports the optimizer
import { kernels } from '../kernels/registry'
import type { Parameter } from '../layers/layer'
import { allocFloat32 } from '../tensor/float32-allocator'
import {
  type Optimizer,
  type OptimizerState,
  readBuffer,
  readStep,
  requireKnownOptions,
  requireOnlyKeys,
  requireRange,
  requireUniqueNames,
  zeroGrads,
} from './optimizer'

/**
 * Adam, exactly torch.optim.Adam (maximize = false), step t = 1, 2, …:
 *
 *   g  = ∂W + λ W                               weight decay λ: L2 added to the gradient (not AdamW)
 *   m  = β₁ m + (1 − β₁) g                      first moment  (`${param}.adam_m`)
 *   v  = β₂ v + (1 − β₂) g²                     second moment (`${param}.adam_v`)
 *   v̂  = max(v̂, v) if amsgrad, else v          (`${param}.adam_vmax`, amsgrad only)
 *   W ← W − (α / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 *
 * Defaults as torch: α = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0. State: `step` = t and the buffers.
 */
export interface AdamOptions {
  lr?: number
  betas?: readonly [number, number]
  eps?: number
  weightDecay?: number
  amsgrad?: boolean
}

const ADAM_OPTIONS = ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad'] as const

export class Adam implements Optimizer {
  readonly name = 'adam'
  readonly params: readonly Parameter[]
  lr: number
  readonly beta1: number
  readonly beta2: number
  readonly eps: number
  readonly weightDecay: number
  readonly amsgrad: boolean
  private readonly m: Float32Array[]
  private readonly v: Float32Array[]
  private readonly vmax: Float32Array[] | undefined
  private stepCount = 0

  constructor(params: readonly Parameter[], options: AdamOptions = {}) {
    requireKnownOptions('adam', options, ADAM_OPTIONS)
    requireUniqueNames('adam', params)
    this.params = [...params]
    this.lr = requireRange('adam', 'lr', options.lr ?? 1e-3, 0)
    const betas = options.betas ?? [0.9, 0.999]
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new SpecError(`optimizer 'adam': betas must be a pair [β₁, β₂], got ${JSON.stringify(betas)}`)
    }
    this.beta1 = requireRange('adam', 'betas[0]', betas[0], 0, 1)
    this.beta2 = requireRange('adam', 'betas[1]', betas[1], 0, 1)
    this.eps = requireRange('adam', 'eps', options.eps ?? 1e-8, 0)
    this.weightDecay = requireRange('adam', 'weightDecay', options.weightDecay ?? 0, 0)
    this.amsgrad = options.amsgrad ?? false
    const buffers = () => this.params.map((p) => allocFloat32(p.value.size))
    this.m = buffers()
    this.v = buffers()
    this.vmax = this.amsgrad ? buffers() : undefined
  }

  get steps(): number {
    return this.stepCount
  }

  zeroGrad(): void {
    zeroGrads(this.params)
  }

  step(): void {
    const { beta1: b1, beta2: b2, eps, weightDecay: wd } = this
    const t = this.stepCount + 1
    const stepSize = this.lr / (1 - b1 ** t)
    const bc2Sqrt = Math.sqrt(1 - b2 ** t)
    for (let p = 0; p < this.params.length; p++) {
      const w = this.params[p]!.value.data
      const dw = this.params[p]!.grad.data
      const vmax = this.vmax?.[p] ?? null
      kernels.adamUpdate(w, dw, this.m[p]!, this.v[p]!, vmax, w.length, stepSize, b1, b2, eps, wd, bc2Sqrt)
    }
    this.stepCount = t
  }

  stateDict(): OptimizerState {
    const state: OptimizerState = { step: this.stepCount }
    this.params.forEach((param, p) => {
      state[`${param.name}.adam_m`] = this.m[p]!.slice()
      state[`${param.name}.adam_v`] = this.v[p]!.slice()
      if (this.vmax) state[`${param.name}.adam_vmax`] = this.vmax[p]!.slice()
    })
    return state
  }

  loadStateDict(state: OptimizerState): void {
    const suffixes = this.vmax ? ['adam_m', 'adam_v', 'adam_vmax'] : ['adam_m', 'adam_v']
    requireOnlyKeys('adam', state, [
      'step',
      ...this.params.flatMap((p) => suffixes.map((s) => `${p.name}.${s}`)),
    ])
    const step = readStep('adam', state)
    this.params.forEach((param, p) => {
      readBuffer('adam', state, `${param.name}.adam_m`, this.m[p]!)
      readBuffer('adam', state, `${param.name}.adam_v`, this.v[p]!)
      if (this.vmax) readBuffer('adam', state, `${param.name}.adam_vmax`, this.vmax[p]!)
    })
    this.stepCount = step
  }
}
