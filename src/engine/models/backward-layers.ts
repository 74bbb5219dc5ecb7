import type { BackwardOptions, Layer } from '../layers/layer'
import { Tensor } from '../tensor/tensor'

/**
 * Backward through layers applied in order: dy (N, …last output) → dx (N, …first input), in reverse.
 *
 * With inputGrad false the caller needs only the parameter gradients (a training step): nothing
 * before the first layer that owns parameters learns, so backward stops there and that layer is
 * asked for no ∂x (a first conv2d skips its Fᵗ·Δ product and col2im, a first dense its Δ·Wᵗ; in
 * LeNet-5 that is a tenth of the step). The result is then an empty (0, …input) tensor. Every
 * parameter gradient is accumulated exactly as with inputGrad true.
 */
export function backwardLayers(layers: readonly Layer[], dy: Tensor, options: BackwardOptions = {}): Tensor {
  if (options.inputGrad !== false) {
    let t = dy
    for (let i = layers.length - 1; i >= 0; i--) t = layers[i]!.backward(t)
    return t
  }
  const first = layers.findIndex((layer) => layer.parameters().length > 0)
  let t = dy
  for (let i = layers.length - 1; i > first && first >= 0; i--) t = layers[i]!.backward(t)
  if (first >= 0) layers[first]!.backward(t, { inputGrad: false })
  return new Tensor(new Float32Array(0), [0, ...(layers[0]?.inputShape ?? dy.shape.slice(1))])
}
