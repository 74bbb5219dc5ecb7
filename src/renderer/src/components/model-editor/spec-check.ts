import { SpecError } from '../../../../engine/errors'
import { layerShapes, type LayerShapeInfo } from '../../../../engine/models/shape-rules'
import type { ParsedLayerSpec, ParsedPool2dSpec } from '../../../../engine/models/spec'
import type { LayerSpec, ModelSpec } from '../../../../engine/models/spec-schema'
import { shapeSize, type Shape } from '../../../../engine/tensor/shape'
import { validateSpec } from './spec-validate'

/**
 * What the architecture editor shows on every edit: each layer's output shape and parameter count,
 * and the first invalid layer with the engine's message (the formula and the numbers). The same
 * result as the engine's checkModelSpec, reached without zod (see spec-rules.ts): the schema check
 * of spec-validate.ts, the engine's naming and defaults (spec.ts), then the engine's own shape rule
 * for each layer (shape-rules.ts). One difference serves the editor: the problem reported is the
 * first in layer order, whether a field value or a shape, so the layers above it keep their shapes.
 */
export interface SpecProblem {
  /** The layer to blame; undefined for the input, init or the spec as a whole. */
  layerIndex: number | undefined
  /** The first problem, in the engine's words. */
  message: string
  /** Every problem of that layer (or of the spec's top level), first one included. */
  messages: string[]
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

/** Default names the engine gives: the k-th layer of a type is `${type}${k}`; given names stay. */
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

/** The engine's naming rules (unique names; a default name must not be taken); throws SpecError. */
function checkNames(layers: readonly LayerSpec[], names: readonly string[]): void {
  const givenAt = new Map<string, number>()
  layers.forEach((layer, index) => {
    if (layer.name === undefined) return
    const earlier = givenAt.get(layer.name)
    if (earlier !== undefined) {
      throw new SpecError(
        `${layer.type} '${layer.name}': the name is already used by layers[${earlier}]; layer names must be unique`,
        index,
      )
    }
    givenAt.set(layer.name, index)
  })
  layers.forEach((layer, index) => {
    if (layer.name !== undefined) return
    const taken = givenAt.get(names[index]!)
    if (taken !== undefined) {
      throw new SpecError(
        `model spec layers[${index}] (${layer.type}): its default name '${names[index]}' is taken by ` +
          `layers[${taken}]; give this layer a name`,
        index,
      )
    }
  })
}

/** Defaults filled as the engine's parser fills them; throws SpecError for cross-field rules. */
function normalizeLayer(layer: LayerSpec, name: string, index: number): ParsedLayerSpec {
  const label = `${layer.type} '${name}'`
  switch (layer.type) {
    case 'dense':
    case 'tied-dense':
      return { ...layer, name, useBias: layer.useBias ?? true }
    case 'conv2d':
      return {
        ...layer,
        name,
        stride: layer.stride ?? 1,
        padding: layer.padding ?? 0,
        useBias: layer.useBias ?? true,
      }
    case 'pool2d': {
      if (layer.mode !== 'lp' && layer.p !== undefined) {
        throw new SpecError(
          `${label}: p applies only to Lp pooling (mode 'lp'), got mode '${layer.mode}'; remove p or set mode 'lp'`,
          index,
        )
      }
      const pooled: ParsedPool2dSpec = {
        ...layer,
        name,
        stride: layer.stride ?? layer.size,
        padding: layer.padding ?? 0,
      }
      if (layer.mode === 'lp') pooled.p = layer.p ?? 2
      return pooled
    }
    case 'noise':
      if (layer.kind !== 'gaussian' && layer.level > 1) {
        throw new SpecError(
          `${label}: level is the fraction of values ${layer.kind === 'masking' ? 'zeroed' : 'set to 0 or 1'} ` +
            `and must be in [0, 1], got ${layer.level}; e.g. 0.25`,
          index,
        )
      }
      return { ...layer, name }
    case 'unit-sum':
      return { ...layer, name, mode: layer.mode ?? 'softmax', backward: layer.backward ?? 'exact' }
    default:
      return { ...layer, name }
  }
}

function inputShapeOf(spec: ModelSpec): Shape {
  const input = spec.input
  return 'features' in input ? [input.features] : [input.channels, input.height, input.width]
}

function problemOf(layerIndex: number | undefined, messages: string[], paths: string[]): SpecProblem {
  return { layerIndex, message: messages[0]!, messages, paths }
}

/** Walks the layers before `end`, stopping at the first one the engine's shape rules reject. */
function walk(spec: ModelSpec, names: readonly string[], end: number): SpecCheck {
  const layers: LayerShapeInfo[] = []
  let shape = inputShapeOf(spec)
  const inputShape = shape
  const total = () => layers.reduce((sum, l) => sum + l.parameters, 0)
  for (let index = 0; index < end; index++) {
    const raw = spec.layers[index]!
    try {
      const layer = normalizeLayer(raw, names[index]!, index)
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
      const problem = problemOf(index, [error.message], [`layers[${index}]`])
      return { layers, problem, inputShape, totalParameters: total() }
    }
  }
  return { layers, problem: undefined, inputShape, totalParameters: total() }
}

/** Checks a spec (raw JSON or the editor's) and returns what the editor shows. Never throws. */
export function checkSpec(spec: unknown): SpecCheck {
  const issues = validateSpec(spec)
  const topLevel = issues.filter((issue) => issue.layerIndex === undefined)
  if (topLevel.length > 0) {
    const messages = topLevel.map((issue) => issue.message)
    const problem = problemOf(
      undefined,
      messages,
      topLevel.map((issue) => issue.path),
    )
    return { layers: [], problem, inputShape: undefined, totalParameters: 0 }
  }
  const valid = spec as ModelSpec
  if (valid.init?.range !== undefined && valid.init.scheme !== 'uniform') {
    const message =
      `model spec: init.range applies only to the 'uniform' scheme, got scheme '${valid.init.scheme}'; ` +
      'remove range'
    const check = walk(valid, layerNames(valid.layers), valid.layers.length)
    return { ...check, problem: check.problem ?? problemOf(undefined, [message], ['init.range']) }
  }
  const firstBad = Math.min(valid.layers.length, ...issues.map((issue) => issue.layerIndex!))
  const names = layerNames(valid.layers)
  let nameProblem: SpecProblem | undefined
  try {
    checkNames(valid.layers.slice(0, firstBad), names)
  } catch (error) {
    if (!(error instanceof SpecError)) throw error
    nameProblem = problemOf(error.layerIndex, [error.message], [`layers[${error.layerIndex}].name`])
  }
  const end = nameProblem?.layerIndex ?? firstBad
  const check = walk(valid, names, end)
  if (check.problem) return check
  if (nameProblem) return { ...check, problem: nameProblem }
  if (firstBad < valid.layers.length) {
    const own = issues.filter((issue) => issue.layerIndex === firstBad)
    const problem = problemOf(
      firstBad,
      own.map((issue) => issue.message),
      own.map((issue) => issue.path),
    )
    return { ...check, problem }
  }
  return check
}
