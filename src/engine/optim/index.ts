import { SpecError } from '../errors'
import type { Parameter } from '../layers/layer'
import { Adam, type AdamOptions } from './adam'
import { type Optimizer, optimizerNames } from './optimizer'
import { Sgd, type SgdOptions } from './sgd'

/**
 * Optimizers by name (the names experiment specs use):
 *   sgd   torch.optim.SGD: lr (required), momentum, dampening, nesterov, weightDecay
 *         — plain SGD is the lecture's W ← W − α∂W
 *   adam  torch.optim.Adam: lr, betas, eps, weightDecay, amsgrad
 */
export type OptimizerOptions = SgdOptions | AdamOptions

export function createOptimizer(name: 'sgd', params: readonly Parameter[], options: SgdOptions): Sgd
export function createOptimizer(name: 'adam', params: readonly Parameter[], options?: AdamOptions): Adam
export function createOptimizer(
  name: string,
  params: readonly Parameter[],
  options?: OptimizerOptions,
): Optimizer
export function createOptimizer(
  name: string,
  params: readonly Parameter[],
  options: OptimizerOptions = {},
): Optimizer {
  switch (name) {
    case 'sgd':
      return new Sgd(params, options as SgdOptions)
    case 'adam':
      return new Adam(params, options as AdamOptions)
    default:
      throw new SpecError(`unknown optimizer '${name}'; choose one of ${optimizerNames.join(', ')}`)
  }
}

export { Sgd, type SgdOptions } from './sgd'
export { Adam, type AdamOptions } from './adam'
export {
  type Optimizer,
  type OptimizerName,
  type OptimizerState,
  optimizerNames,
  zeroGrads,
} from './optimizer'
