import type { Tensor } from '../tensor/tensor'
import { checkLossArgs, type Loss } from './loss'

/**
 * Mean squared error, as PyTorch's MSELoss(reduction='mean'):
 *
 *   L = (1/M) Σ_k (y_k − t_k)²              M = numel = N · (values per sample)
 *   ∂L/∂y_k = 2 (y_k − t_k) / M
 *
 * A mean over every element, so its scale does not depend on batch or output size (unlike 'sse').
 */
export const mseLoss: Loss = {
  name: 'mse',
  compute(pred: Tensor, target: Tensor, grad: Float32Array): number {
    checkLossArgs('mse', pred, target, grad)
    const y = pred.data
    const t = target.data
    const m = y.length
    const g = 2 / m
    let sum = 0
    for (let i = 0; i < m; i++) {
      const d = y[i]! - t[i]!
      sum += d * d
      grad[i] = g * d
    }
    return sum / m
  },
}
