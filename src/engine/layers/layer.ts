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
 */
export interface ForwardOptions {
  /** true while training: dropout and noise act only then. */
  training: boolean
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
  backward(dy: Tensor): Tensor
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
