import { EngineError } from '../errors'
import type { Tensor } from '../tensor/tensor'
import { checkLossArgs, type Loss } from './loss'

/**
 * Binary cross-entropy on PROBABILITIES (after a sigmoid), as PyTorch's BCELoss(reduction='mean'):
 *
 *   p, t (N, …) with p in [0, 1], t in [0, 1]; M = numel
 *   L = −(1/M) Σ_k [ t_k · max(log p_k, −100) + (1 − t_k) · max(log(1 − p_k), −100) ]
 *   ∂L/∂p_k = (p_k − t_k) / max(p_k (1 − p_k), 1e-12) / M
 *
 * A mean over every element. The −100 clamp and the 1e-12 floor are PyTorch's: p = 0 or 1 gives a
 * finite loss and gradient instead of ∞ or NaN.
 */
const LOG_CLAMP = -100
const EPSILON = 1e-12

export const binaryCrossEntropyLoss: Loss = {
  name: 'binary-cross-entropy',
  compute(pred: Tensor, target: Tensor, grad: Float32Array): number {
    checkLossArgs('binary-cross-entropy', pred, target, grad)
    const p = pred.data
    const t = target.data
    const m = p.length
    let sum = 0
    for (let i = 0; i < m; i++) {
      const pi = p[i]!
      const ti = t[i]!
      if (pi < 0 || pi > 1) {
        throw new EngineError(
          `loss 'binary-cross-entropy': predictions must be probabilities in [0, 1], got ${pi} at ` +
            `index ${i}; end the model with a sigmoid, or use 'softmax-cross-entropy' on logits`,
        )
      }
      sum += ti * Math.max(Math.log(pi), LOG_CLAMP) + (1 - ti) * Math.max(Math.log(1 - pi), LOG_CLAMP)
      grad[i] = (pi - ti) / Math.max(pi * (1 - pi), EPSILON) / m
    }
    return -sum / m
  },
}
