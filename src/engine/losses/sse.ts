import '../kernels/js' // the reference squaredError is always registered, whoever imports the loss
import { kernels } from '../kernels/registry'
import type { Tensor } from '../tensor/tensor'
import { checkLossArgs, type Loss } from './loss'

/**
 * Sum of squared errors, the lecture's E (DL.py / AE.py output layer):
 *
 *   L = ½ Σ_batch Σ_i (y_i − t_i)²          pred y, target t: (N, …) of the same shape
 *   ∂L/∂y = y − t                           (no 1/N: a sum over the batch)
 *
 * The lecture writes E = Σ‖y − t‖² but its programs backpropagate delta = (out − t)·f′ and update
 * W −= α·∂W; the ½ makes ∂L/∂y exactly (out − t), so SGD reproduces the lecture's updates step for
 * step. (The lecture's printed `error` is Σ(out − t)², i.e. 2L.) Summing over the batch means the
 * step size grows with the batch size, as when the lecture's per-sample updates are added up.
 */
export const sseLoss: Loss = {
  name: 'sse',
  compute(pred: Tensor, target: Tensor, grad: Float32Array): number {
    checkLossArgs('sse', pred, target, grad)
    return 0.5 * kernels.squaredError(grad, pred.data, target.data, pred.size)
  },
}
