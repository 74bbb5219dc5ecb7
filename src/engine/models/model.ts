import { ShapeError } from '../errors'
import type { Rng } from '../init/rng'
import type { BackwardOptions, ForwardOptions, Layer, Parameter } from '../layers/layer'
import { type Shape, sameShape, shapeToString } from '../tensor/shape'
import type { Tensor } from '../tensor/tensor'
import { backwardLayers } from './backward-layers'
import type { BuiltLayer } from './layer-factory'
import type { ShapeSummary } from './shape-inference'
import type { ParsedModelSpec } from './spec'
import {
  collectStateDict,
  loadParameters,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  type ModelStateDict,
  type StateDictInput,
} from './state-dict'

/**
 * A sequential model: layers composed in order, nothing else (the layers hold the math).
 *
 *   forward   x (N, …inputShape) → y (N, …outputShape), through every layer
 *   backward  dy (N, …outputShape) → dx (N, …inputShape), in reverse; every layer ACCUMULATES into its
 *             parameters' grads (call zeroGrad() or the optimizer's before each batch); a training
 *             step passes inputGrad false and gets no dx (the first layers' unused products skipped)
 *
 * `layers` are the layer objects (a spec layer with `activation` gives two: the layer and
 * `${name}.act`); `specIndex[i]` is the spec layer that layers[i] came from. parameters() lists every
 * layer's own parameters in order, so a tied W appears once, under its encoder.
 */
export interface LayerOutput {
  layer: Layer
  specIndex: number
  /** The layer's output batch (N, …layer.outputShape): a feature map for conv and pool layers. */
  output: Tensor
}

export class Model {
  readonly spec: ParsedModelSpec
  readonly name: string
  readonly inputShape: Shape
  readonly outputShape: Shape
  readonly layers: readonly Layer[]
  readonly specIndex: readonly number[]
  /** The RNG of dropout and noise layers; save and restore its state in checkpoints. */
  readonly rng: Rng
  /** true when buildModel left out a final softmax so that forward returns logits. */
  readonly finalSoftmaxOmitted: boolean
  private readonly shapes: ShapeSummary
  private readonly label: string

  constructor(
    spec: ParsedModelSpec,
    shapes: ShapeSummary,
    built: readonly BuiltLayer[],
    rng: Rng,
    omitted: boolean,
  ) {
    this.spec = spec
    this.name = spec.name ?? 'model'
    this.label = `model '${this.name}'`
    this.shapes = shapes
    this.layers = built.map((b) => b.layer)
    this.specIndex = built.map((b) => b.specIndex)
    this.inputShape = shapes.inputShape
    this.outputShape = this.layers.at(-1)?.outputShape ?? shapes.inputShape
    this.rng = rng
    this.finalSoftmaxOmitted = omitted
  }

  forward(x: Tensor, options: ForwardOptions): Tensor {
    this.checkInput(x)
    let t = x
    for (const layer of this.layers) t = layer.forward(t, options)
    return t
  }

  /** forward, keeping every layer's output (for feature-map viewers). */
  trace(x: Tensor, options: ForwardOptions): LayerOutput[] {
    this.checkInput(x)
    const outputs: LayerOutput[] = []
    let t = x
    this.layers.forEach((layer, i) => {
      t = layer.forward(t, options)
      outputs.push({ layer, specIndex: this.specIndex[i]!, output: t })
    })
    return outputs
  }

  /** options.inputGrad false: parameter gradients only (see backward-layers.ts); returns (0, …). */
  backward(dy: Tensor, options: BackwardOptions = {}): Tensor {
    return backwardLayers(this.layers, dy, options)
  }

  parameters(): Parameter[] {
    return this.layers.flatMap((layer) => layer.parameters())
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad.data.fill(0)
  }

  /** Copies of every parameter value, keyed `${layer}.${param}`, in parameter order. */
  stateDict(): ModelStateDict {
    return collectStateDict(this.parameters())
  }

  /** Copies weights in; see state-dict.ts for the strict / non-strict rules. */
  loadStateDict(dict: StateDictInput, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadParameters(this.label, this.parameters(), dict, options)
  }

  /** The shape-inference result: per spec layer, its output shape and parameter count. */
  summary(): ShapeSummary {
    return this.shapes
  }

  private checkInput(x: Tensor): void {
    const n = x.shape[0]
    if (n === undefined || n < 1 || !sameShape(x.shape.slice(1), this.inputShape)) {
      throw new ShapeError(
        `${this.label}: input must be (N, ${this.inputShape.join(', ')}) with N ≥ 1, got ${shapeToString(x.shape)}` +
          (this.inputShape.length === 3 && x.shape.length === 2
            ? '; reshape flat rows into (N, C, Y, X) images'
            : ''),
      )
    }
  }
}
