import {
  ActivationLayer,
  buildModel,
  kernels,
  type Layer,
  type Model,
  NoiseLayer,
  type NoiseConfig,
  type StateDict,
  Tensor,
  UnitSumLayer,
} from '../../engine'
import type { NoiseSettings, ParsedExperiment } from '../../shared/experiment'
import { LayerStack } from './layer-stack'
import { TrainingError } from './types'

/**
 * The network a task trains: the model built from its spec, plus what the task adds around it.
 *
 *   [noise]  denoising autoencoders: the input is corrupted while training (task.noise), never when
 *            evaluating; its draws come from the model's runtime Rng (saved in checkpoints)
 *   model    buildModel(spec, {seed, logits}); with the softmax-cross-entropy loss a final softmax is
 *            left out while training (that loss applies the softmax itself, on logits), and predict()
 *            puts it back, so scores are probabilities either way and the weights are the same
 *   [unit-sum] AE.py's hidden outputs normalised to sum 1, back-propagated as the identity: the
 *            presets lecture-ae-32/100 list it in their model spec (`{"type": "unit-sum",
 *            "backward": "identity"}` after hunit). For a spec WITHOUT a unit-sum layer,
 *            task.lectureNormalisedHidden inserts that layer after the code layer; a spec that has one
 *            already gets nothing more.
 */
export interface NetworkOptions {
  seed: number
  logits: boolean
  inputNoise?: NoiseSettings
  /**
   * Insert the lecture's unit-sum normalisation after this spec layer (undefined: first dense),
   * unless the spec lists a unit-sum layer itself.
   */
  lectureNormalisedHidden?: { codeLayer: string | undefined }
}

function noiseConfig(noise: NoiseSettings): NoiseConfig {
  return noise.kind === 'gaussian'
    ? { kind: 'gaussian', sigma: noise.level }
    : { kind: noise.kind, fraction: noise.level }
}

/** Index in model.layers after which the code layer's output (its activation included) is ready. */
function codeLayerEnd(model: Model, codeLayer: string | undefined): number {
  const specLayers = model.spec.layers
  const specIndex =
    codeLayer === undefined
      ? specLayers.findIndex((l) => l.type === 'dense')
      : specLayers.findIndex((l) => l.name === codeLayer)
  if (specIndex < 0) {
    throw new TrainingError(
      codeLayer === undefined
        ? `model '${model.name}' has no dense layer to normalise; name the code layer in task.codeLayer`
        : `task.codeLayer '${codeLayer}' names no layer of model '${model.name}'; the layers are ` +
            specLayers.map((l) => l.name).join(', '),
    )
  }
  return model.specIndex.lastIndexOf(specIndex)
}

export class TaskNetwork extends LayerStack {
  readonly model: Model
  /**
   * Its outputs are logits whose softmax the loss takes (softmax cross-entropy): either buildModel
   * left out the spec's final softmax, or the spec ends without one (a dense layer's u). Scores and
   * confidences are then softmax(u), probabilities, never raw logits.
   */
  readonly outputsLogits: boolean

  constructor(model: Model, layers: readonly Layer[], trainedOnLogits = false) {
    super(layers, `model '${model.name}'`)
    this.model = model
    this.outputsLogits =
      model.finalSoftmaxOmitted || (trainedOnLogits && !(layers.at(-1) instanceof ActivationLayer))
  }

  /** Inference: the outputs with the final softmax applied when they are logits. */
  predict(x: Tensor): Tensor {
    const y = this.forward(x, { training: false })
    if (!this.outputsLogits) return y
    const n = y.shape[0]!
    const out = new Float32Array(y.size)
    kernels.softmaxForward(out, y.data, n, y.size / n)
    return new Tensor(out, y.shape)
  }

  /** The weights as npz-ready tensors, keyed by parameter name (`hunit.W`, `conv1.b`). */
  weights(): StateDict {
    const dict: StateDict = {}
    for (const [name, t] of Object.entries(this.model.stateDict())) {
      dict[name] = { shape: [...t.shape], data: t.data }
    }
    return dict
  }

  loadWeights(dict: StateDict): void {
    this.model.loadStateDict(dict)
  }
}

export function buildNetwork(spec: unknown, options: NetworkOptions): TaskNetwork {
  const model = buildModel(spec, { seed: options.seed, logits: options.logits })
  const layers: Layer[] = [...model.layers]
  const hasUnitSum = model.spec.layers.some((l) => l.type === 'unit-sum')
  if (options.lectureNormalisedHidden && !hasUnitSum) {
    const end = codeLayerEnd(model, options.lectureNormalisedHidden.codeLayer)
    const code = layers[end]!
    const name = `${model.layers[end]!.name.replace(/\.act$/, '')}.unit-sum`
    layers.splice(
      end + 1,
      0,
      new UnitSumLayer(
        { mode: 'softmax', backward: 'identity' },
        { name, inputShape: code.outputShape, init: { scheme: 'zeros' }, rng: model.rng },
      ),
    )
  }
  if (options.inputNoise) {
    layers.unshift(
      new NoiseLayer(noiseConfig(options.inputNoise), {
        name: 'input-noise',
        inputShape: model.inputShape,
        init: { scheme: 'zeros' },
        rng: model.rng,
      }),
    )
  }
  return new TaskNetwork(model, layers, options.logits)
}

/** The network of a classify or autoencode experiment (per task: noise, normalisation, tied check). */
export function networkForExperiment(experiment: ParsedExperiment, spec: unknown): TaskNetwork {
  const { task, training } = experiment
  const options: NetworkOptions = {
    seed: training.seed,
    logits: training.loss === 'softmax-cross-entropy',
  }
  if (task.kind === 'autoencode') {
    if (task.variant === 'denoising' && task.noise) options.inputNoise = task.noise
    if (task.lectureNormalisedHidden) options.lectureNormalisedHidden = { codeLayer: task.codeLayer }
  }
  const network = buildNetwork(spec, options)
  if (task.kind === 'autoencode' && task.variant === 'tied') {
    if (!network.model.layers.some((l) => l.type === 'tied-dense')) {
      throw new TrainingError(
        `task variant 'tied' needs a decoder that uses the encoder's weights transposed: give model ` +
          `'${network.model.name}' a tied-dense layer ({"type": "tied-dense", "tiedTo": "<encoder>"}); ` +
          `see the preset ae-tied`,
      )
    }
  }
  return network
}
