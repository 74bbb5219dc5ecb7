import { initSchemes } from '../../../../engine/init/initializers'
import { activations } from '../../../../engine/layers/activation'
import type { NoiseKind } from '../../../../engine/layers/noise'
import { unitSumBackwards, unitSumModes } from '../../../../engine/layers/unit-sum'
import type { PoolMode } from '../../../../engine/kernels/kernel-types'
import type { LayerType } from '../../../../engine/models/spec-schema'

/**
 * The vocabulary of a model spec ("dllab.model/1", docs/model-spec.md) as the editor needs it at
 * runtime: layer types, their fields in schema order, the enumerations and the engine's wording of
 * each rule. The engine holds the same facts in its zod schema (src/engine/models/spec-schema.ts),
 * which the renderer cannot load: zod probes `new Function` at import, which the CSP forbids. The
 * parity test (spec-check.test.ts) holds these copies to the engine's.
 */
export const MODEL_FORMAT = 'dllab.model/1'

export const poolModes = ['max', 'avg', 'lp'] as const satisfies readonly PoolMode[]
export const noiseKinds = ['gaussian', 'masking', 'salt-and-pepper'] as const satisfies readonly NoiseKind[]
export { activations, initSchemes, unitSumBackwards, unitSumModes }
export type { NoiseKind, PoolMode }

export type FieldKind =
  | 'positive-int'
  | 'per-axis-positive'
  | 'per-axis-non-negative'
  | 'activation'
  | 'pool-mode'
  | 'p'
  | 'rate'
  | 'noise-kind'
  | 'level'
  | 'name'
  | 'bool'
  | 'shape'
  | 'sum-mode'
  | 'sum-backward'

export interface FieldRule {
  key: string
  kind: FieldKind
  required: boolean
}

const field = (key: string, kind: FieldKind, required = false): FieldRule => ({ key, kind, required })
const name = field('name', 'name')
const activation = field('activation', 'activation')
const useBias = field('useBias', 'bool')

/** Each type's fields after `type`, in the schema's order (issues are reported in this order). */
export const layerFields: Record<LayerType, readonly FieldRule[]> = {
  dense: [name, field('units', 'positive-int', true), activation, useBias],
  conv2d: [
    name,
    field('filters', 'positive-int', true),
    field('kernel', 'per-axis-positive', true),
    field('stride', 'per-axis-positive'),
    field('padding', 'per-axis-non-negative'),
    activation,
    useBias,
  ],
  pool2d: [
    name,
    field('mode', 'pool-mode', true),
    field('size', 'per-axis-positive', true),
    field('stride', 'per-axis-positive'),
    field('padding', 'per-axis-non-negative'),
    field('p', 'p'),
  ],
  flatten: [name],
  reshape: [name, field('shape', 'shape', true)],
  activation: [name, field('activation', 'activation', true)],
  dropout: [name, field('rate', 'rate', true)],
  noise: [name, field('kind', 'noise-kind', true), field('level', 'level', true)],
  'tied-dense': [name, field('tiedTo', 'name', true), activation, useBias],
  'unit-sum': [name, field('mode', 'sum-mode'), field('backward', 'sum-backward')],
}

/** The layer types in the schema's order (the table above names every one: it is a Record). */
export const layerTypes = Object.keys(layerFields) as LayerType[]

/** Layer names become checkpoint keys (`${name}.W`). */
export const LAYER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** The engine's wording of each rule, phrased to follow a field name. */
export const ruleText = {
  positiveInt: 'must be a positive integer',
  nonNegativeInt: 'must be a non-negative integer',
  perAxisPositive: 'must be a positive integer or a pair [height, width] of them',
  perAxisNonNegative: 'must be a non-negative integer or a pair [height, width] of them',
  activation: `must be one of ${activations.join(', ')}`,
  poolMode: `must be one of ${poolModes.join(', ')}`,
  noiseKind: `must be one of ${noiseKinds.join(', ')}`,
  layerType: `must be one of ${layerTypes.join(', ')}`,
  sumMode: `must be one of ${unitSumModes.join(', ')}`,
  sumBackward: `must be one of ${unitSumBackwards.join(', ')}`,
  initScheme: `must be one of ${initSchemes.join(', ')}`,
  name: 'must be 1–64 letters, digits, _ or - (it becomes the checkpoint key)',
  string: 'must be a string',
  bool: 'must be true or false',
  p: 'must be a number ≥ 1',
  rate: 'must be a number in [0, 1)',
  level: 'must be a finite number ≥ 0',
  range: 'must be a finite number > 0',
  shapeList: 'must be a list of positive integers',
  shapeEmpty: 'must list at least one dimension (per sample, without the batch)',
  format: `must be "${MODEL_FORMAT}"`,
  input: 'must be {channels, height, width} for images or {features} for vectors, all positive integers',
  layers: 'must be a list of layers',
  layersEmpty: 'must list at least one layer',
  spec: 'must be a JSON object with format, input and layers',
  init: 'must be an object {scheme, range}, e.g. {"scheme": "he"}',
} as const

export const topLevelKeys = ['format', 'name', 'description', 'input', 'init', 'layers'] as const
export const initKeys = ['scheme', 'range'] as const
export const imageInputKeys = ['channels', 'height', 'width'] as const
export const vectorInputKeys = ['features'] as const
