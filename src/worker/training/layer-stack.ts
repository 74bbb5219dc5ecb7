import {
  type BackwardOptions,
  backwardLayers,
  type ForwardOptions,
  type Layer,
  type Parameter,
  type Shape,
  ShapeError,
  sameShape,
  shapeToString,
  type Tensor,
  type TrainableModel,
} from '../../engine'

/**
 * Layers applied in order, for any list of layer objects (a model's layers with extra ones inserted,
 * or a greedy pre-training autoencoder made of one encoder layer and a temporary decoder):
 *
 *   forward   x (N, …inputShape) → y (N, …outputShape); a sample may arrive in any shape of the
 *             same size (a (1, 14, 14) image for a (196) input: one sample's values are contiguous,
 *             so the view is the lecture's flatten())
 *   backward  dy → dx in reverse; parameters() lists each parameter once (a tied W under its owner)
 *
 * The last forward's output is kept (`lastOutput`) so the training loop can score the batch it just
 * trained on without a second pass.
 */
export class LayerStack implements TrainableModel {
  readonly layers: readonly Layer[]
  readonly inputShape: Shape
  readonly outputShape: Shape
  lastOutput: Tensor | undefined
  private readonly inputSize: number

  constructor(layers: readonly Layer[], label = 'network') {
    const first = layers[0]
    const last = layers.at(-1)
    if (!first || !last) throw new ShapeError(`${label}: needs at least one layer`)
    layers.forEach((layer, i) => {
      const next = layers[i + 1]
      if (next && !sameShape(layer.outputShape, next.inputShape)) {
        throw new ShapeError(
          `${label}: layer '${layer.name}' gives ${shapeToString(layer.outputShape)} but '${next.name}' ` +
            `takes ${shapeToString(next.inputShape)}`,
        )
      }
    })
    this.layers = layers
    this.inputShape = first.inputShape
    this.outputShape = last.outputShape
    this.inputSize = first.inputShape.reduce((a, b) => a * b, 1)
  }

  /** x viewed as (N, …inputShape). */
  view(x: Tensor): Tensor {
    const n = x.shape[0]
    if (n === undefined || n < 1 || x.size !== n * this.inputSize) {
      throw new ShapeError(
        `network: a batch must be (N, …) with ${this.inputSize} values per sample for input ` +
          `${shapeToString(this.inputShape)}, got ${shapeToString(x.shape)}`,
      )
    }
    return sameShape(x.shape.slice(1), this.inputShape) ? x : x.reshape([n, ...this.inputShape])
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    let t = this.view(x)
    for (const layer of this.layers) t = layer.forward(t, options)
    this.lastOutput = t
    return t
  }

  /** options.inputGrad false (a training step): parameter gradients only, see backwardLayers. */
  backward(dy: Tensor, options: BackwardOptions = {}): Tensor {
    return backwardLayers(this.layers, dy, options)
  }

  parameters(): Parameter[] {
    const seen = new Set<string>()
    const out: Parameter[] = []
    for (const layer of this.layers) {
      for (const p of layer.parameters()) {
        if (seen.has(p.name)) continue
        seen.add(p.name)
        out.push(p)
      }
    }
    return out
  }
}
