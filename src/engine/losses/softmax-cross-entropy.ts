import { EngineError, ShapeError } from '../errors'
import { kernels } from '../kernels/registry'
import { shapeToString } from '../tensor/shape'
import type { Tensor } from '../tensor/tensor'
import { checkLossArgs, type Loss } from './loss'

/**
 * Softmax cross-entropy on LOGITS (the model's last layer has no softmax), as PyTorch's
 * CrossEntropyLoss(reduction='mean') with probability targets:
 *
 *   z (N, C) logits, t (N, C) one-hot or soft rows (each summing to 1)
 *   L = (1/N) Σ_n −Σ_j t_nj log softmax(z_n)_j           a mean over the batch, a sum over classes
 *   ∂L/∂z = (softmax(z) − t) / N
 *
 * Computed by the fused, max-subtracted `softmaxCrossEntropy` kernel: logits of ±1000 are exact.
 */
const ROW_SUM_TOLERANCE = 1e-3

export const softmaxCrossEntropyLoss: Loss = {
  name: 'softmax-cross-entropy',
  compute(pred: Tensor, target: Tensor, grad: Float32Array): number {
    const n = checkLossArgs('softmax-cross-entropy', pred, target, grad)
    if (pred.shape.length !== 2) {
      throw new ShapeError(
        `loss 'softmax-cross-entropy': logits must be (N, classes), got ${shapeToString(pred.shape)}; ` +
          `flatten the last layer's output first`,
      )
    }
    const classes = pred.shape[1]!
    checkTargetRows(target.data, n, classes)
    return kernels.softmaxCrossEntropy(grad, pred.data, target.data, n, classes, 1 / n) / n
  },
}

/** (softmax − t) is the gradient only if every target row is a distribution: check it. */
function checkTargetRows(t: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0
    for (let j = 0; j < cols; j++) sum += t[r * cols + j]!
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      throw new EngineError(
        `loss 'softmax-cross-entropy': target row ${r} sums to ${sum}, expected 1 (one-hot or a ` +
          `probability distribution); use 'binary-cross-entropy' for independent 0/1 targets`,
      )
    }
  }
}
