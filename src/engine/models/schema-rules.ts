/**
 * The rules of the model spec's schema, each with the English phrase zod reports for it (phrased to
 * follow a field name: "kernel must be a positive integer"). spec-schema.ts builds its error
 * messages here, and spec-issues.ts reads a zod issue's message back into its rule: the machine
 * form of a schema problem (issue-codes.ts) is { rule, options }, the sentence stays byte-identical.
 */
const ruleText = {
  'positive-integer': 'must be a positive integer',
  'non-negative-integer': 'must be a non-negative integer',
  'positive-integer-per-axis': 'must be a positive integer or a pair [height, width] of them',
  'non-negative-integer-per-axis': 'must be a non-negative integer or a pair [height, width] of them',
  string: 'must be a string',
  'layer-name': 'must be 1–64 letters, digits, _ or - (it becomes the checkpoint key)',
  boolean: 'must be true or false',
  'positive-integer-list': 'must be a list of positive integers',
  'dimension-needed': 'must list at least one dimension (per sample, without the batch)',
  'fraction-below-one': 'must be a number in [0, 1)',
  'finite-non-negative': 'must be a finite number ≥ 0',
  'at-least-one': 'must be a number ≥ 1',
  'finite-positive': 'must be a finite number > 0',
  'input-shape':
    'must be {channels, height, width} for images or {features} for vectors, all positive integers',
  'layer-list': 'must be a list of layers',
  'layer-needed': 'must list at least one layer',
  'spec-object': 'must be a JSON object with format, input and layers',
  'init-object': 'must be an object with a scheme, e.g. {"scheme": "he"}',
} as const

type FixedRule = keyof typeof ruleText

/**
 * 'one-of': a value from a list (activation, pooling mode, …); 'layer-type': a layer's type; 'format':
 * the one format string. Their options are the allowed values.
 */
export type SchemaRule = FixedRule | 'one-of' | 'layer-type' | 'format'

interface RuleRef {
  rule: SchemaRule
  options?: readonly string[]
}

/** Every phrase handed to zod, back to its rule. */
const byText = new Map<string, RuleRef>(
  Object.entries(ruleText).map(([rule, text]) => [text, { rule: rule as FixedRule }]),
)

/** The phrase of a fixed rule. */
export function rulePhrase(rule: FixedRule): string {
  return ruleText[rule]
}

/** "must be one of max, avg, lp", remembered as the rule 'one-of' (or 'layer-type') with its options. */
export function oneOfPhrase(options: readonly string[], rule: 'one-of' | 'layer-type' = 'one-of'): string {
  const text = `must be one of ${options.join(', ')}`
  const known = byText.get(text)
  // The layer types are listed once; an enum with the same values keeps the first rule given.
  if (!known) byText.set(text, { rule, options: [...options] })
  return text
}

/** 'must be "dllab.model/1"', remembered as the rule 'format' with that one option. */
export function formatPhrase(format: string): string {
  const text = `must be "${format}"`
  byText.set(text, { rule: 'format', options: [format] })
  return text
}

/** The rule a schema phrase stands for; undefined for a phrase not built here (zod's own). */
export function ruleOfPhrase(text: string): RuleRef | undefined {
  return byText.get(text)
}
