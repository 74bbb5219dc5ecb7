import { EngineError, ShapeError } from '../errors'
import type { Parameter } from '../layers/layer'
import { type Shape, sameShape, shapeToString } from '../tensor/shape'
import { Tensor } from '../tensor/tensor'

/**
 * A model's weights as name → tensor (PyTorch's state_dict): the keys are the parameter names
 * `${layer}.${param}` ("conv2d1.W", "dense3.b"), which are also the npz keys of weights.npz and
 * checkpoints. Saving copies the values; loading copies into the existing parameter tensors (never
 * replaces them, so a tied decoder and an optimizer keep pointing at the same W).
 */
export type ModelStateDict = Record<string, Tensor>

/** Anything with numbers and a shape: a Tensor, or an array read from a float64 .npy. */
export interface TensorLike {
  readonly data: ArrayLike<number>
  readonly shape: Shape
}

export type StateDictInput = Readonly<Record<string, TensorLike>> | ReadonlyMap<string, TensorLike>

export interface LoadStateDictOptions {
  /** true (default): every parameter must be present and no other key may be. false: load what matches. */
  strict?: boolean
}

export interface LoadStateDictResult {
  /** Parameters that were loaded. */
  loaded: string[]
  /** Parameters the dict did not have (left as they were; only with strict false). */
  missing: string[]
  /** Keys of the dict that name no parameter (ignored; only with strict false). */
  unexpected: string[]
}

export function collectStateDict(params: readonly Parameter[]): ModelStateDict {
  const dict: ModelStateDict = {}
  for (const p of params) dict[p.name] = p.value.clone()
  return dict
}

function entries(dict: StateDictInput): Map<string, TensorLike> {
  return dict instanceof Map ? new Map(dict) : new Map(Object.entries(dict as Record<string, TensorLike>))
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, 8).map((n) => `'${n}'`)
  return shown.join(', ') + (names.length > 8 ? ` and ${names.length - 8} more` : '')
}

/**
 * Copies the dict's values into the parameters. Shape mismatches always fail (ShapeError, naming the
 * key and both shapes); missing or unexpected keys fail when strict (EngineError listing them all).
 * Nothing is written unless every check passes.
 */
export function loadParameters(
  label: string,
  params: readonly Parameter[],
  dict: StateDictInput,
  options: LoadStateDictOptions = {},
): LoadStateDictResult {
  const strict = options.strict ?? true
  const given = entries(dict)
  const known = new Set(params.map((p) => p.name))
  const missing = params.filter((p) => !given.has(p.name)).map((p) => p.name)
  const unexpected = [...given.keys()].filter((key) => !known.has(key))
  if (strict && (missing.length > 0 || unexpected.length > 0)) {
    const parts = []
    if (missing.length > 0) parts.push(`missing ${list(missing)}`)
    if (unexpected.length > 0) parts.push(`unexpected ${list(unexpected)}`)
    throw new EngineError(
      `${label}: the weights do not match the model's parameters: ${parts.join('; ')}. ` +
        `Was the file saved from another architecture? Load with strict: false to take only the matching keys`,
    )
  }
  const toLoad = params.filter((p) => given.has(p.name))
  for (const p of toLoad) {
    const t = given.get(p.name)!
    if (!sameShape(t.shape, p.value.shape) || t.data.length !== p.value.size) {
      throw new ShapeError(
        `${label}: '${p.name}' has shape ${shapeToString(t.shape)} in the weights but ` +
          `${shapeToString(p.value.shape)} in the model; the layer's size differs from the one saved`,
      )
    }
  }
  for (const p of toLoad) p.value.data.set(given.get(p.name)!.data)
  return { loaded: toLoad.map((p) => p.name), missing, unexpected }
}

/** Builds a ModelStateDict of float32 tensors from tensor-like values (e.g. float64 arrays read from npz). */
export function toStateDict(dict: StateDictInput): ModelStateDict {
  const out: ModelStateDict = {}
  for (const [key, t] of entries(dict)) out[key] = new Tensor(Float32Array.from(t.data), t.shape)
  return out
}
