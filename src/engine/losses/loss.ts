import { ShapeError, SpecError } from '../errors'
import { sameShape, shapeToString } from '../tensor/shape'
import type { Tensor } from '../tensor/tensor'

/**
 * The loss contract. A loss compares a batch of predictions with a batch of targets:
 *
 *   pred (N, …), target (N, …) of the same shape, grad: a buffer of pred.size values
 *   compute → the scalar L (a JS number, accumulated in float64) and writes grad = ∂L/∂pred
 *             (overwriting, not accumulating: it is the dy handed to the model's backward).
 *
 * Each loss documents its scaling (sum or mean, and over what); docs/losses.md compares them.
 */
export const lossNames = ['sse', 'mse', 'softmax-cross-entropy', 'binary-cross-entropy'] as const
export type LossName = (typeof lossNames)[number]

export interface Loss {
  readonly name: LossName
  compute(pred: Tensor, target: Tensor, grad: Float32Array): number
}

/** Checks pred/target/grad agree and returns the batch size N (the first dimension). */
export function checkLossArgs(name: LossName, pred: Tensor, target: Tensor, grad: Float32Array): number {
  if (!sameShape(pred.shape, target.shape)) {
    throw new ShapeError(
      `loss '${name}': target must have the prediction's shape ${shapeToString(pred.shape)}, ` +
        `got ${shapeToString(target.shape)}; one-hot encode class labels to (N, classes)`,
    )
  }
  const n = pred.shape[0]
  if (n === undefined || n < 1 || pred.size === 0) {
    throw new ShapeError(
      `loss '${name}': prediction must be a non-empty batch (N, …) with N ≥ 1, got ${shapeToString(pred.shape)}`,
    )
  }
  if (grad.length !== pred.size) {
    throw new ShapeError(
      `loss '${name}': gradient buffer must hold ${pred.size} values (the prediction's size), got ${grad.length}`,
    )
  }
  return n
}

/** An unknown loss name (from a spec or the CLI). */
export function unknownLoss(name: string): SpecError {
  return new SpecError(`unknown loss '${name}'; choose one of ${lossNames.join(', ')}`)
}
