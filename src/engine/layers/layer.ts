import type { Shape } from '../tensor/shape'
import type { Tensor } from '../tensor/tensor'
import type { InitOptions } from '../init/initializers'
import type { Rng } from '../init/rng'

/**
 * The contract every layer keeps (one layer per file, ConvNetJS style).
 *
 * Shapes: `inputShape` and `outputShape` are PER SAMPLE, without the batch dimension:
 * (features) for dense data, (C, Y, X) for images. forward takes (N, …inputShape) and returns
 * (N, …outputShape). backward takes dy of the output's shape, returns dx of the input's shape, and
 * ACCUMULATES (+=) into every parameter's grad (the optimizer zeroes them with zeroGrad()).
 * A layer keeps what backward needs from the last forward (its input, argmax, masks…).
 *
 * Buffers: while training, a layer writes its output into a buffer it keeps and reuses at the next
 * training forward of the same batch size (no allocation in the steady state of a training step), so
 * a training-mode output is valid until that layer's next training forward; backward's ∂x buffers
 * are reused the same way. Inference-mode forwards (training false) return fresh arrays.
 */
export interface ForwardOptions {
  /** true while training: dropout and noise act only then. */
  training: boolean
}

/**
 * What backward is asked for. inputGrad false: the caller does not need ∂x (the model's first layer
 * with parameters: nothing before it learns), so the layer may skip that product and return an empty
 * (0, …inputShape) tensor; parameter gradients are accumulated exactly as with inputGrad true.
 */
export interface BackwardOptions {
  inputGrad?: boolean
}

export interface Parameter {
  /** Stable name, unique within the model: the checkpoint / npz key, e.g. "fc1.W", "conv1.b". */
  readonly name: string
  readonly value: Tensor
  readonly grad: Tensor
}

export interface Layer {
  readonly type: string
  /** Unique within the model; parameter names are `${name}.${param}`. */
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  forward(x: Tensor, options: ForwardOptions): Tensor
  backward(dy: Tensor, options?: BackwardOptions): Tensor
  /** Parameters this layer OWNS (a tied decoder returns only its bias; W belongs to the encoder). */
  parameters(): Parameter[]
}

/** What a layer constructor gets besides its own config: where it sits and how to initialise. */
export interface LayerContext {
  name: string
  inputShape: Shape
  init: InitOptions
  rng: Rng
}
