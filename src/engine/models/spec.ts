import { SpecError } from '../errors'
import type { PerAxis } from '../layers/window'
import { describeIssues, issueFromError, issuesToError, type SpecIssue } from './spec-issues'
import { type LayerType, modelSpecSchema, type ZodLayerSpec, type ZodModelSpec } from './spec-schema'

/**
 * Parsing a model spec: zod validation, then the rules that span fields or layers, then defaults.
 *
 *   names   every layer gets one: given names must be unique; an unnamed layer is `${type}${k}` for
 *           the k-th layer of its type (conv2d1, pool2d1, conv2d2, …, dense1, tied-dense1)
 *   pool2d  stride defaults to the window size; p only with mode 'lp' (default 2)
 *   noise   masking / salt-and-pepper levels are fractions in [0, 1]
 *   init    range only with the 'uniform' scheme
 *   unit-sum mode defaults to 'softmax', backward to 'exact' (filled in by the schema)
 *
 * The result (ParsedModelSpec) is what shape inference and buildModel work on. Parsing a parsed spec
 * again gives the same spec.
 */
type ByType<T extends LayerType> = Extract<ZodLayerSpec, { type: T }>
type Named<T> = Omit<T, 'name'> & { name: string }

export type ParsedDenseSpec = Named<ByType<'dense'>>
export type ParsedConv2dSpec = Named<ByType<'conv2d'>>
export type ParsedPool2dSpec = Omit<ByType<'pool2d'>, 'name' | 'stride'> & { name: string; stride: PerAxis }
export type ParsedFlattenSpec = Named<ByType<'flatten'>>
export type ParsedReshapeSpec = Named<ByType<'reshape'>>
export type ParsedActivationSpec = Named<ByType<'activation'>>
export type ParsedDropoutSpec = Named<ByType<'dropout'>>
export type ParsedNoiseSpec = Named<ByType<'noise'>>
export type ParsedTiedDenseSpec = Named<ByType<'tied-dense'>>
export type ParsedUnitSumSpec = Named<ByType<'unit-sum'>>

export type ParsedLayerSpec =
  | ParsedDenseSpec
  | ParsedConv2dSpec
  | ParsedPool2dSpec
  | ParsedFlattenSpec
  | ParsedReshapeSpec
  | ParsedActivationSpec
  | ParsedDropoutSpec
  | ParsedNoiseSpec
  | ParsedTiedDenseSpec
  | ParsedUnitSumSpec

export type ParsedModelSpec = Omit<ZodModelSpec, 'layers'> & { layers: ParsedLayerSpec[] }

/** Either a parsed spec, or every problem zod found (nothing else is checked until those are fixed). */
export type SpecParseResult = { ok: true; spec: ParsedModelSpec } | { ok: false; issues: SpecIssue[] }

export function safeParseModelSpec(input: unknown): SpecParseResult {
  const result = modelSpecSchema.safeParse(input)
  if (!result.success) return { ok: false, issues: describeIssues(input, result.error) }
  try {
    return { ok: true, spec: normalize(result.data) }
  } catch (error) {
    if (!(error instanceof SpecError)) throw error
    const path = error.layerIndex === undefined ? 'init' : `layers[${error.layerIndex}]`
    return { ok: false, issues: [issueFromError(path, error)] }
  }
}

/** Validates a spec (e.g. JSON.parse of a file) and fills in defaults; throws SpecError. */
export function parseModelSpec(input: unknown): ParsedModelSpec {
  const result = safeParseModelSpec(input)
  if (!result.ok) throw issuesToError(result.issues)
  return result.spec
}

function normalize(spec: ZodModelSpec): ParsedModelSpec {
  if (spec.init.range !== undefined && spec.init.scheme !== 'uniform') {
    throw new SpecError(
      `model spec: init.range applies only to the 'uniform' scheme, got scheme '${spec.init.scheme}'; remove range`,
      undefined,
      { code: 'init-range-not-uniform', params: { scheme: spec.init.scheme } },
    )
  }
  const names = assignNames(spec.layers)
  const layers = spec.layers.map((layer, index) => normalizeLayer(layer, names[index]!, index))
  return { ...spec, init: { ...spec.init }, layers }
}

function assignNames(layers: readonly ZodLayerSpec[]): string[] {
  const givenAt = new Map<string, number>()
  layers.forEach((layer, index) => {
    if (layer.name === undefined) return
    const earlier = givenAt.get(layer.name)
    if (earlier !== undefined) {
      const label = `${layer.type} '${layer.name}'`
      throw new SpecError(
        `${label}: the name is already used by layers[${earlier}]; layer names must be unique`,
        index,
        { code: 'duplicate-name', params: { label, earlier } },
      )
    }
    givenAt.set(layer.name, index)
  })
  const counts = new Map<string, number>()
  return layers.map((layer, index) => {
    const k = (counts.get(layer.type) ?? 0) + 1
    counts.set(layer.type, k)
    if (layer.name !== undefined) return layer.name
    const name = `${layer.type}${k}`
    const taken = givenAt.get(name)
    if (taken !== undefined) {
      throw new SpecError(
        `model spec layers[${index}] (${layer.type}): its default name '${name}' is taken by layers[${taken}]; ` +
          `give this layer a name`,
        index,
        { code: 'default-name-taken', params: { index, type: layer.type, name, taken } },
      )
    }
    return name
  })
}

function normalizeLayer(layer: ZodLayerSpec, name: string, index: number): ParsedLayerSpec {
  const label = `${layer.type} '${name}'`
  switch (layer.type) {
    case 'pool2d': {
      if (layer.mode !== 'lp' && layer.p !== undefined) {
        throw new SpecError(
          `${label}: p applies only to Lp pooling (mode 'lp'), got mode '${layer.mode}'; remove p or set mode 'lp'`,
          index,
          { code: 'p-without-lp', params: { label, mode: layer.mode } },
        )
      }
      const pooled: ParsedPool2dSpec = { ...layer, name, stride: layer.stride ?? layer.size }
      if (layer.mode === 'lp') pooled.p = layer.p ?? 2
      return pooled
    }
    case 'noise':
      if (layer.kind !== 'gaussian' && layer.level > 1) {
        throw new SpecError(
          `${label}: level is the fraction of values ${layer.kind === 'masking' ? 'zeroed' : 'set to 0 or 1'} ` +
            `and must be in [0, 1], got ${layer.level}; e.g. 0.25`,
          index,
          { code: 'noise-level-not-fraction', params: { label, kind: layer.kind, level: layer.level } },
        )
      }
      return { ...layer, name }
    default:
      return { ...layer, name }
  }
}
