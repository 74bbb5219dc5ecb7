import { SpecError } from '../errors'
import { Rng } from '../init/rng'
import { ActivationLayer } from '../layers/activation'
import { type BuiltLayer, createLayers } from './layer-factory'
import { Model } from './model'
import { analyzeModelSpec } from './shape-inference'

/**
 * buildModel(spec, { seed }): validates the spec (schema, then shape inference, so a bad spec fails
 * with the layer, formula and numbers before anything is allocated), then constructs the layers.
 *
 * Reproducibility: the weights are drawn in layer order from Rng(seed), so the same spec and seed
 * give bit-identical weights on every machine. Dropout and noise draw from a second generator,
 * Rng(seed ^ 0x9e3779b9) (model.rng, saved in checkpoints), so adding a dropout layer leaves the
 * initial weights of the other layers unchanged.
 *
 * `logits: true` leaves out a final softmax (a last `activation: "softmax"` or a last softmax
 * activation layer) so that forward returns logits for the softmax-cross-entropy loss, which applies
 * the softmax itself; the weights are the same as without the option.
 */
export interface BuildModelOptions {
  /** An integer in [0, 2³²). */
  seed: number
  /** Leave out a final softmax so forward returns logits (default false). */
  logits?: boolean
}

const RUNTIME_SEED_MIX = 0x9e3779b9

export function buildModel(spec: unknown, options: BuildModelOptions): Model {
  const seed = options.seed
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new SpecError(`buildModel: seed must be an integer in [0, 4294967295], got ${String(seed)}`)
  }
  const { spec: parsed, summary } = analyzeModelSpec(spec)
  const initRng = new Rng(seed)
  const runtimeRng = new Rng((seed ^ RUNTIME_SEED_MIX) >>> 0)
  const built: BuiltLayer[] = []
  parsed.layers.forEach((layerSpec, i) => {
    built.push(
      ...createLayers(layerSpec, summary.layers[i]!, { init: parsed.init, initRng, runtimeRng, built }),
    )
  })
  const last = built.at(-1)?.layer
  const omit = options.logits === true && last instanceof ActivationLayer && last.activation === 'softmax'
  if (omit) built.pop()
  return new Model(parsed, summary, built, runtimeRng, omit)
}
