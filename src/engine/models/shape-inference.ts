import { SpecError } from '../errors'
import { type Shape, shapeSize } from '../tensor/shape'
import { type LayerShapeInfo, layerShapes } from './shape-rules'
import { type ParsedModelSpec, parseModelSpec, safeParseModelSpec } from './spec'
import { issueFromError, type SpecIssue } from './spec-issues'

/**
 * Shape inference: walks the layers of a spec computing each one's per-sample output shape
 * ((C, Y, X) or (features)) and parameter count, by arithmetic only (shape-rules.ts). The FIRST
 * invalid layer stops the walk with a SpecError naming it, the formula and the numbers, and carrying
 * its index. `checkModelSpec` is the non-throwing form for the architecture editor: it also returns
 * the shapes of the layers before the problem.
 */
export type { LayerShapeInfo, ParamInfo } from './shape-rules'

export interface ShapeSummary {
  /** The spec's name, if it has one. */
  name: string | undefined
  inputShape: Shape
  outputShape: Shape
  layers: LayerShapeInfo[]
  /** Σ parameters over all layers (a tied W counted once, at its encoder). */
  totalParameters: number
}

/** The per-sample input shape of a spec: (C, Y, X) for images, (features) for vectors. */
export function specInputShape(spec: ParsedModelSpec): Shape {
  const input = spec.input
  return 'features' in input ? [input.features] : [input.channels, input.height, input.width]
}

interface Walk {
  layers: LayerShapeInfo[]
  error: SpecError | undefined
}

function walk(spec: ParsedModelSpec): Walk {
  const layers: LayerShapeInfo[] = []
  let shape = specInputShape(spec)
  for (const [index, layer] of spec.layers.entries()) {
    try {
      const { outputShape, params } = layerShapes(layer, shape, layers)
      layers.push({
        index,
        name: layer.name,
        type: layer.type,
        activation: 'activation' in layer && layer.type !== 'activation' ? layer.activation : undefined,
        inputShape: shape,
        outputShape,
        params,
        parameters: params.reduce((sum, p) => sum + shapeSize(p.shape), 0),
      })
      shape = outputShape
    } catch (error) {
      if (!(error instanceof SpecError)) throw error
      return { layers, error: new SpecError(error.message, index, error.detail) }
    }
  }
  return { layers, error: undefined }
}

function summarize(spec: ParsedModelSpec, layers: LayerShapeInfo[]): ShapeSummary {
  return {
    name: spec.name,
    inputShape: specInputShape(spec),
    outputShape: layers.at(-1)?.outputShape ?? specInputShape(spec),
    layers,
    totalParameters: layers.reduce((sum, l) => sum + l.parameters, 0),
  }
}

/** Validates a spec (raw JSON or parsed) and returns every layer's shapes; throws SpecError. */
export function inferShapes(spec: unknown): ShapeSummary {
  return analyzeModelSpec(spec).summary
}

/** inferShapes that also returns the parsed spec (defaults filled, every layer named). */
export function analyzeModelSpec(spec: unknown): { spec: ParsedModelSpec; summary: ShapeSummary } {
  const parsed = parseModelSpec(spec)
  const { layers, error } = walk(parsed)
  if (error) throw error
  return { spec: parsed, summary: summarize(parsed, layers) }
}

export interface SpecProblem {
  /** The first problem, as the SpecError would say it (its code and params are issues[0]'s). */
  message: string
  layerIndex: number | undefined
  /** Every problem found (schema problems are all reported; shape inference stops at the first). */
  issues: SpecIssue[]
}

export type SpecCheck =
  | { ok: true; spec: ParsedModelSpec; layers: LayerShapeInfo[]; summary: ShapeSummary; error: undefined }
  | { ok: false; layers: LayerShapeInfo[]; error: SpecProblem }

function problem(issues: SpecIssue[]): SpecProblem {
  const first = issues[0]!
  return { message: first.message, layerIndex: first.layerIndex, issues }
}

/**
 * Never throws on a bad spec. On failure `layers` holds the shapes of the valid layers before the
 * first problem (the editor keeps showing them), and `error` says what is wrong and where.
 */
export function checkModelSpec(spec: unknown): SpecCheck {
  const parsed = safeParseModelSpec(spec)
  if (!parsed.ok)
    return { ok: false, layers: layersBefore(spec, parsed.issues), error: problem(parsed.issues) }
  const { layers, error } = walk(parsed.spec)
  if (error) {
    return { ok: false, layers, error: problem([issueFromError(`layers[${error.layerIndex}]`, error)]) }
  }
  return { ok: true, spec: parsed.spec, layers, summary: summarize(parsed.spec, layers), error: undefined }
}

/** When only layers from k on are malformed, the shapes of layers 0 … k−1 (else none). */
function layersBefore(spec: unknown, issues: readonly SpecIssue[]): LayerShapeInfo[] {
  if (issues.some((issue) => issue.layerIndex === undefined)) return []
  const k = Math.min(...issues.map((issue) => issue.layerIndex!))
  if (k <= 0 || spec === null || typeof spec !== 'object') return []
  const layers = (spec as { layers?: unknown }).layers
  if (!Array.isArray(layers)) return []
  const prefix = safeParseModelSpec({ ...spec, layers: layers.slice(0, k) })
  return prefix.ok ? walk(prefix.spec).layers : []
}
