// First: zod's JIT off before any schema below is built (the renderer's CSP forbids eval).
import './zod-jitless'
import { z } from 'zod'
import { initSchemes } from '../init/initializers'
import { activations } from '../layers/activation'
import { unitSumBackwards, unitSumModes } from '../layers/unit-sum'
import { formatPhrase, oneOfPhrase, rulePhrase } from './schema-rules'

/**
 * The zod schema of a model spec, format "dllab.model/1" (docs/model-spec.md describes every field):
 *
 *   { format, name?, description?, input: {channels, height, width} | {features}, init?, layers: [...] }
 *
 * Every object is strict: an unknown field ("filter" for "filters") is an error, not silently ignored.
 * The messages below are phrased to follow a field name ("kernel must be …"), one per rule of
 * schema-rules.ts; spec-issues.ts adds the layer, the path and the value received. Cross-field rules (unique names, tiedTo, p only for Lp
 * pooling, noise level ranges) are checked after parsing, in spec.ts and shape-inference.ts.
 */
export const MODEL_FORMAT = 'dllab.model/1'

export const layerTypes = [
  'dense',
  'conv2d',
  'pool2d',
  'flatten',
  'reshape',
  'activation',
  'dropout',
  'noise',
  'tied-dense',
  'unit-sum',
] as const
export type LayerType = (typeof layerTypes)[number]

export const poolModes = ['max', 'avg', 'lp'] as const
export const noiseKinds = ['gaussian', 'masking', 'salt-and-pepper'] as const

const POSITIVE_INT = rulePhrase('positive-integer')
const NON_NEGATIVE_INT = rulePhrase('non-negative-integer')

const positiveInt = z
  .number({ error: POSITIVE_INT })
  .int({ error: POSITIVE_INT })
  .min(1, { error: POSITIVE_INT })
const nonNegativeInt = z
  .number({ error: NON_NEGATIVE_INT })
  .int({ error: NON_NEGATIVE_INT })
  .min(0, { error: NON_NEGATIVE_INT })

/** A window size, stride or padding: one number for both axes, or [height, width]. */
const perAxisPositive = z.union([positiveInt, z.tuple([positiveInt, positiveInt])], {
  error: rulePhrase('positive-integer-per-axis'),
})
const perAxisNonNegative = z.union([nonNegativeInt, z.tuple([nonNegativeInt, nonNegativeInt])], {
  error: rulePhrase('non-negative-integer-per-axis'),
})

const activationName = z.enum(activations, { error: oneOfPhrase(activations) })

/** Layer names become checkpoint keys (`${name}.W`), so no dots, spaces or path characters. */
export const LAYER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
const layerName = z.string({ error: rulePhrase('string') }).regex(LAYER_NAME_PATTERN, {
  error: rulePhrase('layer-name'),
})

const useBias = z.boolean({ error: rulePhrase('boolean') }).default(true)

export const denseSpecSchema = z.strictObject({
  type: z.literal('dense'),
  name: layerName.optional(),
  units: positiveInt,
  activation: activationName.optional(),
  useBias,
})

export const conv2dSpecSchema = z.strictObject({
  type: z.literal('conv2d'),
  name: layerName.optional(),
  filters: positiveInt,
  kernel: perAxisPositive,
  stride: perAxisPositive.default(1),
  padding: perAxisNonNegative.default(0),
  activation: activationName.optional(),
  useBias,
})

export const pool2dSpecSchema = z.strictObject({
  type: z.literal('pool2d'),
  name: layerName.optional(),
  mode: z.enum(poolModes, { error: oneOfPhrase(poolModes) }),
  size: perAxisPositive,
  /** Default: the window size (non-overlapping windows). */
  stride: perAxisPositive.optional(),
  padding: perAxisNonNegative.default(0),
  /** The p of Lp pooling; only with mode 'lp' (default 2). */
  p: z
    .number({ error: rulePhrase('at-least-one') })
    .min(1, { error: rulePhrase('at-least-one') })
    .optional(),
})

export const flattenSpecSchema = z.strictObject({
  type: z.literal('flatten'),
  name: layerName.optional(),
})

export const reshapeSpecSchema = z.strictObject({
  type: z.literal('reshape'),
  name: layerName.optional(),
  shape: z.array(positiveInt, { error: rulePhrase('positive-integer-list') }).min(1, {
    error: rulePhrase('dimension-needed'),
  }),
})

export const activationSpecSchema = z.strictObject({
  type: z.literal('activation'),
  name: layerName.optional(),
  activation: activationName,
})

export const dropoutSpecSchema = z.strictObject({
  type: z.literal('dropout'),
  name: layerName.optional(),
  rate: z
    .number({ error: rulePhrase('fraction-below-one') })
    .min(0, { error: rulePhrase('fraction-below-one') })
    .lt(1, { error: rulePhrase('fraction-below-one') }),
})

export const noiseSpecSchema = z.strictObject({
  type: z.literal('noise'),
  name: layerName.optional(),
  kind: z.enum(noiseKinds, { error: oneOfPhrase(noiseKinds) }),
  /** gaussian: the standard deviation σ (≥ 0); masking, salt-and-pepper: the fraction corrupted, in [0, 1]. */
  level: z
    .number({ error: rulePhrase('finite-non-negative') })
    .min(0, { error: rulePhrase('finite-non-negative') })
    .finite({ error: rulePhrase('finite-non-negative') }),
})

export const tiedDenseSpecSchema = z.strictObject({
  type: z.literal('tied-dense'),
  name: layerName.optional(),
  /** The name of an earlier dense layer whose W this decoder uses transposed (W̃ = Wᵗ). */
  tiedTo: layerName,
  activation: activationName.optional(),
  useBias,
})

/** Each sample's values normalised to sum 1 (the hidden layer of the lecture's AE.py). */
export const unitSumSpecSchema = z.strictObject({
  type: z.literal('unit-sum'),
  name: layerName.optional(),
  /** softmax: e^u / Σ e^u (AE.py's Softmax); divide: u / Σu. */
  mode: z.enum(unitSumModes, { error: oneOfPhrase(unitSumModes) }).default('softmax'),
  /** exact: the mode's Jacobian; identity: ∂u = ∂y, as AE.py's Hunit.Error (f_ = 1). */
  backward: z.enum(unitSumBackwards, { error: oneOfPhrase(unitSumBackwards) }).default('exact'),
})

export const layerSpecSchemas = {
  dense: denseSpecSchema,
  conv2d: conv2dSpecSchema,
  pool2d: pool2dSpecSchema,
  flatten: flattenSpecSchema,
  reshape: reshapeSpecSchema,
  activation: activationSpecSchema,
  dropout: dropoutSpecSchema,
  noise: noiseSpecSchema,
  'tied-dense': tiedDenseSpecSchema,
  'unit-sum': unitSumSpecSchema,
} as const satisfies Record<LayerType, z.ZodObject>

export const layerSpecSchema = z.discriminatedUnion(
  'type',
  [
    denseSpecSchema,
    conv2dSpecSchema,
    pool2dSpecSchema,
    flattenSpecSchema,
    reshapeSpecSchema,
    activationSpecSchema,
    dropoutSpecSchema,
    noiseSpecSchema,
    tiedDenseSpecSchema,
    unitSumSpecSchema,
  ],
  { error: oneOfPhrase(layerTypes, 'layer-type') },
)

export const imageInputSchema = z.strictObject({
  channels: positiveInt,
  height: positiveInt,
  width: positiveInt,
})
export const vectorInputSchema = z.strictObject({ features: positiveInt })
export const inputSpecSchema = z.union([imageInputSchema, vectorInputSchema], {
  error: rulePhrase('input-shape'),
})

export const initSpecSchema = z.strictObject(
  {
    scheme: z.enum(initSchemes, { error: oneOfPhrase(initSchemes) }),
    /** Half-width of the 'uniform' scheme (default 0.5, the lecture's). */
    range: z
      .number({ error: rulePhrase('finite-positive') })
      .positive({ error: rulePhrase('finite-positive') })
      .finite({ error: rulePhrase('finite-positive') })
      .optional(),
  },
  { error: rulePhrase('init-object') },
)

export const modelSpecSchema = z.strictObject(
  {
    format: z.literal(MODEL_FORMAT, { error: formatPhrase(MODEL_FORMAT) }),
    name: z.string({ error: rulePhrase('string') }).optional(),
    description: z.string({ error: rulePhrase('string') }).optional(),
    input: inputSpecSchema,
    /** Default: the lecture's uniform(−0.5, 0.5). */
    init: initSpecSchema.default({ scheme: 'uniform' }),
    layers: z.array(layerSpecSchema, { error: rulePhrase('layer-list') }).min(1, {
      error: rulePhrase('layer-needed'),
    }),
  },
  { error: rulePhrase('spec-object') },
)

/** A spec as written (JSON): optional fields may be left out. */
export type ModelSpec = z.input<typeof modelSpecSchema>
export type LayerSpec = z.input<typeof layerSpecSchema>
export type InputSpec = z.input<typeof inputSpecSchema>
export type InitSpec = z.input<typeof initSpecSchema>

/** What zod returns (z.infer): defaults applied, layer names still optional. */
export type ZodModelSpec = z.infer<typeof modelSpecSchema>
export type ZodLayerSpec = z.infer<typeof layerSpecSchema>

export type DenseSpec = z.input<typeof denseSpecSchema>
export type Conv2dSpec = z.input<typeof conv2dSpecSchema>
export type Pool2dSpec = z.input<typeof pool2dSpecSchema>
export type FlattenSpec = z.input<typeof flattenSpecSchema>
export type ReshapeSpec = z.input<typeof reshapeSpecSchema>
export type ActivationSpec = z.input<typeof activationSpecSchema>
export type DropoutSpec = z.input<typeof dropoutSpecSchema>
export type NoiseSpec = z.input<typeof noiseSpecSchema>
export type TiedDenseSpec = z.input<typeof tiedDenseSpecSchema>
export type UnitSumSpec = z.input<typeof unitSumSpecSchema>
