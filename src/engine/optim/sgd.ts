import { SpecError } from '../errors'
import '../kernels/js' // the reference sgdUpdate is always registered, whoever imports the optimizer
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
 * Stochastic gradient descent, exactly torch.optim.SGD (maximize = false):
 *
 *   g  = ∂W + λ W                                  weight decay λ: L2 added to the gradient
 *   b  = g                       on the first step  (momentum μ ≠ 0: the buffer starts as g)
 *   b  = μ b + (1 − τ) g         afterwards         (dampening τ)
 *   d  = g + μ b  (nesterov)  |  b  (momentum)  |  g  (μ = 0)
 *   W ← W − α d
 *
 * With μ = 0 and λ = 0 this is the lecture's update `W ← W − α∂W` (DL.py / AE.py Update_weight,
 * α = 0.1 there). State: `step` and, when μ ≠ 0, `${param}.momentum` (b). The per-element update is
 * the sgdUpdate kernel (kernels/js/sgd-update.ts; a WebAssembly SIMD version gives the same bits).
 */
export interface SgdOptions {
  /** Learning rate α (required, as in torch). */
  lr: number
  /** μ, default 0 (plain SGD). */
  momentum?: number
  /** τ, default 0. */
  dampening?: number
  /** Nesterov momentum (needs μ > 0 and τ = 0), default false. */
  nesterov?: boolean
  /** λ, default 0. */
  weightDecay?: number
}

const SGD_OPTIONS = ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay'] as const

export class Sgd implements Optimizer {
  readonly name = 'sgd'
  readonly params: readonly Parameter[]
  lr: number
  readonly momentum: number
  readonly dampening: number
  readonly nesterov: boolean
  readonly weightDecay: number
  private readonly buffers: Float32Array[] | undefined
  private stepCount = 0

  constructor(params: readonly Parameter[], options: SgdOptions) {
    requireKnownOptions('sgd', options, SGD_OPTIONS)
    requireUniqueNames('sgd', params)
    this.params = [...params]
    if (options.lr === undefined) {
      throw new SpecError(`optimizer 'sgd': lr is required (the lecture uses 0.1)`)
    }
    this.lr = requireRange('sgd', 'lr', options.lr, 0)
    this.momentum = requireRange('sgd', 'momentum', options.momentum ?? 0, 0)
    this.dampening = requireRange('sgd', 'dampening', options.dampening ?? 0, 0, 1, true)
    this.weightDecay = requireRange('sgd', 'weightDecay', options.weightDecay ?? 0, 0)
    this.nesterov = options.nesterov ?? false
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new SpecError(
        `optimizer 'sgd': nesterov needs momentum > 0 and dampening 0, got momentum ${this.momentum} ` +
          `and dampening ${this.dampening}`,
      )
    }
    this.buffers = this.momentum !== 0 ? this.params.map((p) => allocFloat32(p.value.size)) : undefined
  }

  get steps(): number {
    return this.stepCount
  }

  zeroGrad(): void {
    zeroGrads(this.params)
  }

  step(): void {
    const first = this.stepCount === 0
    for (let p = 0; p < this.params.length; p++) {
      const w = this.params[p]!.value.data
      const b = this.buffers?.[p] ?? null
      kernels.sgdUpdate(
        w,
        this.params[p]!.grad.data,
        b,
        w.length,
        this.lr,
        this.momentum,
        this.dampening,
        this.nesterov,
        this.weightDecay,
        first,
      )
    }
    this.stepCount++
  }

  stateDict(): OptimizerState {
    const state: OptimizerState = { step: this.stepCount }
    this.buffers?.forEach((b, p) => (state[`${this.params[p]!.name}.momentum`] = b.slice()))
    return state
  }

  loadStateDict(state: OptimizerState): void {
    const keys = ['step', ...(this.buffers ? this.params.map((p) => `${p.name}.momentum`) : [])]
    requireOnlyKeys('sgd', state, keys)
    const step = readStep('sgd', state)
    this.buffers?.forEach((b, p) => readBuffer('sgd', state, `${this.params[p]!.name}.momentum`, b))
    this.stepCount = step
  }
}
