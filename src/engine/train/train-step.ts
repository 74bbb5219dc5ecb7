import type { BackwardOptions, ForwardOptions, Parameter } from '../layers/layer'
import type { Loss } from '../losses/loss'
import { type Optimizer, zeroGrads } from '../optim/optimizer'
import { allocFloat32 } from '../tensor/float32-allocator'
import { sameShape } from '../tensor/shape'
import { Tensor } from '../tensor/tensor'

/**
 * One training step on a minibatch, for any model with the layer-style interface:
 *
 *   zero ∂W → y = forward(x, {training: true}) → L = loss(y, t), dy = ∂L/∂y → backward(dy) → step
 *   x (N, …input), t (N, …output) = y's shape; returns L (the loss's own scaling, see docs/losses.md)
 *
 * With batch 1, the SSE loss and plain SGD this is one iteration of the lecture's loop: Propagation,
 * Error (delta = (out − t)·f′ is the backward of dy = out − t through the output activation),
 * Update_weight (W ← W − α∂W). A non-finite loss is returned as is, after the step (as PyTorch does);
 * the caller decides to stop. The dy buffer is kept per model and reused while y's shape is unchanged.
 */
export interface TrainableModel {
  forward(x: Tensor, options: ForwardOptions): Tensor
  /** options.inputGrad false: only parameter gradients are needed (a model may skip computing dx). */
  backward(dy: Tensor, options?: BackwardOptions): Tensor
  parameters(): Parameter[]
}

const gradientBuffers = new WeakMap<TrainableModel, Tensor>()

function gradientBuffer(model: TrainableModel, y: Tensor): Tensor {
  const cached = gradientBuffers.get(model)
  if (cached && sameShape(cached.shape, y.shape)) return cached
  const dy = new Tensor(allocFloat32(y.size), y.shape)
  gradientBuffers.set(model, dy)
  return dy
}

export function trainStep(
  model: TrainableModel,
  loss: Loss,
  optimizer: Optimizer,
  x: Tensor,
  t: Tensor,
): number {
  zeroGrads(model.parameters()) // every gradient backward accumulates into, frozen ones included
  optimizer.zeroGrad() // normally the same parameters
  const y = model.forward(x, { training: true })
  const dy = gradientBuffer(model, y)
  const value = loss.compute(y, t, dy.data)
  model.backward(dy, { inputGrad: false }) // the step needs ∂W only: no ∂x of the first layer
  optimizer.step()
  return value
}

/** The loss of a batch in inference mode (no dropout or noise), without touching any gradient. */
export function evaluateLoss(model: TrainableModel, loss: Loss, x: Tensor, t: Tensor): number {
  const y = model.forward(x, { training: false })
  return loss.compute(y, t, new Float32Array(y.size))
}
