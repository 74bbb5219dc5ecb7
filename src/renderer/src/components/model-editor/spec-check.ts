import { checkModelSpec, type SpecCheck as EngineCheck } from '../../../../engine/models/shape-inference'
import type { LayerShapeInfo } from '../../../../engine/models/shape-rules'
import { describeIssues, type SpecIssue } from '../../../../engine/models/spec-issues'
import { inputSpecSchema, MODEL_FORMAT, modelSpecSchema } from '../../../../engine/models/spec-schema'
import type { Shape } from '../../../../engine/tensor/shape'

/**
 * What the architecture editor shows on every edit, from the engine's own check (checkModelSpec:
 * zod schema, naming and defaults, shape inference): each layer's output shape and parameter count,
 * and the first invalid layer with the engine's message, formula and numbers included:
 *
 *   conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding
 *
 * Each problem keeps its machine form (code and params, engine/models/issue-codes.ts), which
 * problem-text.ts turns into the screen's language.
 *
 * The editor orders problems as it lists them, top-down: the input, then the layers in order (the
 * layers above the problem keep their shapes), then the spec's other fields (format, name, init),
 * which change no shape. The engine instead reports every schema problem before any shape.
 */
export interface SpecProblem {
  /** The layer to blame; undefined for the input, init or the spec as a whole. */
  layerIndex: number | undefined
  /** The first problem, in the engine's words. */
  message: string
  /** Every problem of that layer (or of the spec's top level), first one included. */
  messages: string[]
  /** The same problems with their codes and params. */
  issues: SpecIssue[]
  /** Paths of the fields named by the problems, e.g. "layers[0].kernel", "input.height". */
  paths: string[]
}

export interface SpecCheck {
  /** The layers whose shapes could be computed: all of them, or those before the problem. */
  layers: LayerShapeInfo[]
  problem: SpecProblem | undefined
  /** Per-sample input shape, (C, Y, X) or (features); undefined while the input is invalid. */
  inputShape: Shape | undefined
  /** Σ parameters of the computed layers (a tied W counted once, at its encoder). */
  totalParameters: number
}

/**
 * Default names as the engine gives them (spec.ts): the k-th layer of a type is `${type}${k}`,
 * given names stay. Needed for every row, also while the spec does not parse.
 */
export function layerNames(layers: readonly unknown[]): string[] {
  const counts = new Map<string, number>()
  return layers.map((layer) => {
    const { type, name } = (layer ?? {}) as { type?: unknown; name?: unknown }
    const kind = typeof type === 'string' ? type : 'layer'
    const k = (counts.get(kind) ?? 0) + 1
    counts.set(kind, k)
    return typeof name === 'string' && name !== '' ? name : `${kind}${k}`
  })
}

/** Every schema problem of a spec (a file being loaded), in the engine's order and words; [] if none. */
export function schemaIssues(spec: unknown): SpecIssue[] {
  const result = modelSpecSchema.safeParse(spec)
  return result.success ? [] : describeIssues(spec, result.error)
}

/** Shapes depend on the input and the layers alone. */
function shapePart(spec: unknown): unknown {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return spec
  const { input, layers } = spec as { input?: unknown; layers?: unknown }
  return { format: MODEL_FORMAT, input, layers }
}

/**
 * checkModelSpec, with the first problem in layer order: when the engine blames layer k (a schema
 * problem) but its shapes stop at layer j < k, the check of layers 0 … k−1 names layer j's problem.
 * Each round drops at least one layer, so this ends.
 */
function checkInLayerOrder(spec: unknown): EngineCheck {
  let check = checkModelSpec(spec)
  while (!check.ok && check.error.layerIndex !== undefined && check.layers.length < check.error.layerIndex) {
    const { layers } = spec as { layers: unknown[] }
    spec = { ...(spec as object), layers: layers.slice(0, check.error.layerIndex) }
    check = checkModelSpec(spec)
  }
  return check
}

function problemOf(issues: readonly SpecIssue[]): SpecProblem {
  return {
    layerIndex: issues[0]!.layerIndex,
    message: issues[0]!.message,
    messages: issues.map((issue) => issue.message),
    issues: [...issues],
    paths: issues.map((issue) => issue.path),
  }
}

/** The problems outside the layers, as the engine lists them (the first may be a layer's). */
function topLevelProblem(spec: unknown): SpecProblem | undefined {
  const check = checkModelSpec(spec)
  if (check.ok) return undefined
  const outside = check.error.issues.filter((issue) => issue.layerIndex === undefined)
  return problemOf(outside.length > 0 ? outside : check.error.issues)
}

function inputShapeOf(spec: unknown): Shape | undefined {
  if (spec === null || typeof spec !== 'object') return undefined
  const parsed = inputSpecSchema.safeParse((spec as { input?: unknown }).input)
  if (!parsed.success) return undefined
  const input = parsed.data
  return 'features' in input ? [input.features] : [input.channels, input.height, input.width]
}

const sumParameters = (layers: readonly LayerShapeInfo[]): number =>
  layers.reduce((sum, layer) => sum + layer.parameters, 0)

/** Checks a spec (raw JSON or the editor's) and returns what the editor shows. Never throws. */
export function checkSpec(spec: unknown): SpecCheck {
  const shapes = checkInLayerOrder(shapePart(spec))
  if (shapes.ok) {
    const { summary } = shapes
    const problem = topLevelProblem(spec)
    return {
      layers: shapes.layers,
      problem,
      inputShape: summary.inputShape,
      totalParameters: summary.totalParameters,
    }
  }
  const { error } = shapes
  if (error.issues.some((issue) => issue.layerIndex === undefined)) {
    // The input or the list of layers (e.g. none yet) is invalid: no layer's shape can be computed,
    // but a valid input still has its own.
    return { layers: [], problem: topLevelProblem(spec), inputShape: inputShapeOf(spec), totalParameters: 0 }
  }
  const own = error.issues.filter((issue) => issue.layerIndex === error.layerIndex)
  return {
    layers: shapes.layers,
    problem: problemOf(own),
    inputShape: inputShapeOf(spec),
    totalParameters: sumParameters(shapes.layers),
  }
}
