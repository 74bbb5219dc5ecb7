import { EngineError, ShapeError, SpecError } from '../errors'
import '../kernels/js' // the reference fill is always registered, whoever imports the optimizer
import { kernels } from '../kernels/registry'
import type { Parameter } from '../layers/layer'

/**
 * The optimizer contract, over a model's parameters (each a value W and its accumulated gradient ∂W):
 *
 *   zeroGrad()  ∂W ← 0 for every parameter (backward ACCUMULATES, so call this before each batch)
 *   step()      W ← update(W, ∂W, state); ∂W is read, never modified
 *   stateDict() the optimizer's state as checkpoint entries (copies): `step` (a number) and per
 *               parameter buffers named `${param}.<buffer>` (Float32Array of the parameter's size)
 *   loadStateDict(state) restores exactly what stateDict() gave, so a resumed run continues bit for bit
 *
 * State names are stable checkpoint keys: `step`, `${param}.momentum` (SGD with momentum),
 * `${param}.adam_m`, `${param}.adam_v`, `${param}.adam_vmax` (Adam, amsgrad only).
 * Arithmetic is float64 per element; values and state are stored in float32.
 */
export const optimizerNames = ['sgd', 'adam'] as const
export type OptimizerName = (typeof optimizerNames)[number]

export type OptimizerState = Record<string, Float32Array | number>

export interface Optimizer {
  readonly name: OptimizerName
  readonly params: readonly Parameter[]
  /** Learning rate α; may be changed between steps (a schedule). */
  lr: number
  /** Steps taken so far (checkpoint key `step`). */
  readonly steps: number
  step(): void
  zeroGrad(): void
  stateDict(): OptimizerState
  loadStateDict(state: OptimizerState): void
}

/** Sets every gradient to 0 (the fill kernel: a memset in wasm memory for resident gradients). */
export function zeroGrads(params: readonly Parameter[]): void {
  for (const p of params) kernels.fill(p.grad.data, 0, p.grad.size)
}

/** Parameter names are checkpoint keys: they must be unique. */
export function requireUniqueNames(kind: OptimizerName, params: readonly Parameter[]): void {
  const seen = new Set<string>()
  for (const p of params) {
    if (seen.has(p.name)) {
      throw new SpecError(
        `optimizer '${kind}': two parameters are named '${p.name}'; give every layer a unique name ` +
          `(parameter names are the checkpoint keys)`,
      )
    }
    if (p.value.size !== p.grad.size) {
      throw new ShapeError(
        `optimizer '${kind}': parameter '${p.name}' has ${p.value.size} values but ${p.grad.size} gradients`,
      )
    }
    seen.add(p.name)
  }
}

/** Rejects option names the optimizer does not know (a typo in a spec would silently do nothing). */
export function requireKnownOptions(kind: OptimizerName, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new SpecError(
        `optimizer '${kind}': unknown option '${key}'; known options are ${known.join(', ')}`,
      )
    }
  }
}

/** A number option in [min, max) (or [min, max] when maxInclusive), finite. */
export function requireRange(
  kind: OptimizerName,
  option: string,
  value: number,
  min: number,
  max = Infinity,
  maxInclusive = false,
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    (maxInclusive ? value <= max : value < max)
  if (!ok) {
    const range = `[${min}, ${max}${maxInclusive ? ']' : ')'}`
    throw new SpecError(`optimizer '${kind}': ${option} must be a number in ${range}, got ${String(value)}`)
  }
  return value
}

/** The `step` counter of a saved state. */
export function readStep(kind: OptimizerName, state: OptimizerState): number {
  const step = state.step
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
    throw new EngineError(
      `optimizer '${kind}': saved state needs 'step' as a non-negative integer, got ${String(step)}`,
    )
  }
  return step
}

/** Copies a saved buffer `${param}.${buffer}` into `into`, checking it exists and has the right size. */
export function readBuffer(
  kind: OptimizerName,
  state: OptimizerState,
  key: string,
  into: Float32Array,
): void {
  const saved = state[key]
  if (!(saved instanceof Float32Array)) {
    throw new EngineError(
      `optimizer '${kind}': saved state has no float32 buffer '${key}'; the checkpoint was written by ` +
        `another optimizer or model`,
    )
  }
  if (saved.length !== into.length) {
    throw new ShapeError(
      `optimizer '${kind}': saved buffer '${key}' has ${saved.length} values, the parameter has ${into.length}`,
    )
  }
  into.set(saved)
}

/** Rejects keys this optimizer would not write (e.g. Adam state loaded into SGD). */
export function requireOnlyKeys(
  kind: OptimizerName,
  state: OptimizerState,
  expected: readonly string[],
): void {
  const allowed = new Set(expected)
  for (const key of Object.keys(state)) {
    if (!allowed.has(key)) {
      throw new EngineError(
        `optimizer '${kind}': saved state has an unexpected entry '${key}'; the checkpoint was written ` +
          `by another optimizer configuration or model`,
      )
    }
  }
}
