import type { SchemaRule } from './schema-rules'

/**
 * The machine form of every problem the model check can report: a code (one per rule) and the values
 * its English sentence is built from. The engine never translates: a front end that speaks another
 * language turns { code, params } into its own sentence with the same formula and numbers, and falls
 * back to the English message when it does not know the code.
 *
 *   output-size-not-integer  { label: "conv2d 'c2'", axis: 'width', input: 14, kernel: 5, pad: 0,
 *                              stride: 2, result: 5.5 }
 *   → "conv2d 'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding"
 *
 * `label` is the layer as the sentence names it ("conv2d 'c2'": its type and name, notation); shapes
 * are per-sample dimension lists ([1, 28, 28] is shown "(1, 28, 28)").
 */
export type Axis = 'height' | 'width'

/** One axis of O = (I − F + 2p)/s + 1 with the numbers the formula shows; result unrounded. */
export interface OutputSizeParams {
  label: string
  axis: Axis
  input: number
  kernel: number
  pad: number
  stride: number
  result: number
}

/**
 * Where a schema problem lies: the spec as a whole, or layers[index] with what the raw layer says of
 * itself (`layer`: "conv2d 'c2'", "conv2d", "'c2'"; absent when it has neither a type nor a name).
 * `field` is the path inside it ("kernel", "input.height", "" for the spec or layer itself).
 */
export interface SchemaWhere {
  index?: number | undefined
  layer?: string | undefined
  field: string
}

/** A schema rule and, for 'one-of' and 'layer-type', the allowed values. */
export interface RuleParams {
  rule: SchemaRule
  options?: readonly string[] | undefined
}

export interface SpecIssueParamsByCode {
  // Shape inference (shape-rules.ts, and the sliding-window rule of the layers folder).
  'output-size-not-integer': OutputSizeParams
  /** The window is larger than the padded input: input + 2·pad = padded < kernel. */
  'output-size-below-one': OutputSizeParams & { padded: number }
  /** A window field that is not an integer ≥ min or a pair of them (the schema catches it first). */
  'window-field-invalid': { label: string; field: string; min: number; value: string }
  'flat-input-needed': { label: string; shape: readonly number[] }
  'image-input-needed': { label: string; shape: readonly number[] }
  /** 2·padding > window; the fix is padding ≤ maxPadding = ⌊window/2⌋. */
  'padding-more-than-half-window': {
    label: string
    axis: Axis
    padding: number
    window: number
    maxPadding: number
  }
  'lp-pool-padding': { label: string; padding: readonly number[] }
  'reshape-size-mismatch': {
    label: string
    target: readonly number[]
    targetSize: number
    shape: readonly number[]
    size: number
  }
  /** tiedTo names no earlier layer; `denseLayers` are the earlier dense layers it could name. */
  'tied-to-unknown': { label: string; tiedTo: string; denseLayers: readonly string[] }
  'tied-to-not-dense': { label: string; tiedTo: string; encoderType: string }
  /** The decoder's input is not the encoder's output: W (inputs × units) expects (units). */
  'tied-input-mismatch': {
    label: string
    encoder: string
    inputs: number
    units: number
    shape: readonly number[]
  }
  /** An activation layer with softmax on an image-shaped sample. */
  'softmax-needs-flat': { label: string; shape: readonly number[] }
  /** A layer's own `activation: softmax` on an image-shaped output. */
  'softmax-activation-needs-flat': { label: string; shape: readonly number[] }
  // Cross-field rules of parsing (spec.ts).
  'init-range-not-uniform': { scheme: string }
  'duplicate-name': { label: string; earlier: number }
  'default-name-taken': { index: number; type: string; name: string; taken: number }
  'p-without-lp': { label: string; mode: string }
  /** Masking or salt-and-pepper level outside [0, 1]. */
  'noise-level-not-fraction': { label: string; kind: string; level: number }
  // The schema (spec-issues.ts): a missing or invalid field, a layer that is not an object, unknown keys.
  'field-missing': SchemaWhere & RuleParams
  /** `value` is the received value as short JSON (spec-issues.ts showValue). */
  'field-invalid': SchemaWhere & RuleParams & { value: string }
  'layer-not-object': { index: number; value: string }
  /** `allowed` lists the fields of that object, when known. */
  'unknown-field': SchemaWhere & { keys: readonly string[]; allowed?: readonly string[] | undefined }
}

export type SpecIssueCode = keyof SpecIssueParamsByCode

/** Every code, in the order above (tests check each one has a spec that triggers it). */
export const specIssueCodes = [
  'output-size-not-integer',
  'output-size-below-one',
  'window-field-invalid',
  'flat-input-needed',
  'image-input-needed',
  'padding-more-than-half-window',
  'lp-pool-padding',
  'reshape-size-mismatch',
  'tied-to-unknown',
  'tied-to-not-dense',
  'tied-input-mismatch',
  'softmax-needs-flat',
  'softmax-activation-needs-flat',
  'init-range-not-uniform',
  'duplicate-name',
  'default-name-taken',
  'p-without-lp',
  'noise-level-not-fraction',
  'field-missing',
  'field-invalid',
  'layer-not-object',
  'unknown-field',
] as const satisfies readonly SpecIssueCode[]

/** A code with its params, narrowed together: `if (d.code === 'reshape-size-mismatch') d.params.size`. */
export type SpecIssueDetail = {
  [C in SpecIssueCode]: { code: C; params: SpecIssueParamsByCode[C] }
}[SpecIssueCode]

export function isSpecIssueCode(code: unknown): code is SpecIssueCode {
  return typeof code === 'string' && (specIssueCodes as readonly string[]).includes(code)
}
