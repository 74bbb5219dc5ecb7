import type { z } from 'zod'
import { SpecError } from '../errors'
import type { SchemaWhere, SpecIssueDetail } from './issue-codes'
import { ruleOfPhrase } from './schema-rules'
import { type LayerType, layerSpecSchemas, modelSpecSchema } from './spec-schema'

/**
 * Turns zod's issues into readable problems: where (the spec, or layers[i] with its type and name),
 * which field, what it must be and what was received. The first becomes a SpecError carrying the
 * layer index; the editor shows them all.
 *
 *   model spec layers[2] (conv2d 'c2'): kernel must be a positive integer or a pair [height, width]
 *   of them, got [3, "a"]
 *
 * Each issue also has its machine form (issue-codes.ts): here field-invalid with { index: 2,
 * layer: "conv2d 'c2'", field: 'kernel', rule: 'positive-integer-per-axis', value: '[3,"a"]' }.
 */
export type SpecIssue = {
  /** Readable path: "format", "layers[2].kernel", "input.channels". */
  path: string
  /** Index of the offending layer, when the problem lies inside one. */
  layerIndex: number | undefined
  /** The full sentence, e.g. "model spec layers[2] (conv2d 'c2'): kernel must be …, got 0". */
  message: string
} & (SpecIssueDetail | { code?: undefined; params?: undefined })

/** An issue for a SpecError, with its code and params if it has them. */
export function issueFromError(path: string, error: SpecError): SpecIssue {
  const base = { path, layerIndex: error.layerIndex, message: error.message }
  return error.detail ? { ...base, ...error.detail } : base
}

/** The code and params of an issue, if it has them. */
export function issueDetail(issue: SpecIssue): SpecIssueDetail | undefined {
  return issue.code === undefined
    ? undefined
    : ({ code: issue.code, params: issue.params } as SpecIssueDetail)
}

type PathKey = PropertyKey

export function pathToString(path: readonly PathKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** The value found at `path` in the raw input (undefined if the path leads nowhere). */
function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let v: unknown = input
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

/** Short JSON of a received value, cut at 60 characters. */
export function showValue(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** "conv2d 'c2'", "conv2d", "'c2'" or "": what a layer of the raw input says of itself. */
function rawLayerWhat(input: unknown, index: number): string {
  const layer = valueAt(input, ['layers', index])
  const type = valueAt(layer, ['type'])
  const name = valueAt(layer, ['name'])
  const parts = [
    typeof type === 'string' ? type : undefined,
    typeof name === 'string' ? `'${name}'` : undefined,
  ]
  return parts.filter((p) => p !== undefined).join(' ')
}

/** "model spec layers[2] (conv2d 'c2')": how a layer of the raw input is named in messages. */
export function rawLayerLabel(input: unknown, index: number): string {
  const what = rawLayerWhat(input, index)
  return `model spec layers[${index}]${what ? ` (${what})` : ''}`
}

function allowedKeys(input: unknown, path: readonly PathKey[]): string[] | undefined {
  if (path.length === 0) return Object.keys(modelSpecSchema.shape)
  if (path.length === 2 && path[0] === 'layers') {
    const type = valueAt(input, [...path, 'type'])
    if (typeof type === 'string' && Object.hasOwn(layerSpecSchemas, type)) {
      return Object.keys(layerSpecSchemas[type as LayerType].shape)
    }
  }
  if (path.length === 1 && path[0] === 'init') return ['scheme', 'range']
  return undefined
}

export function describeIssue(input: unknown, issue: z.core.$ZodIssue): SpecIssue {
  const path = issue.path
  const layerIndex = path[0] === 'layers' && typeof path[1] === 'number' ? path[1] : undefined
  const where = layerIndex === undefined ? 'model spec' : rawLayerLabel(input, layerIndex)
  const fieldPath = layerIndex === undefined ? path : path.slice(2)
  const field = pathToString(fieldPath)
  const what = layerIndex === undefined ? '' : rawLayerWhat(input, layerIndex)
  const at: SchemaWhere = { index: layerIndex, ...(what ? { layer: what } : {}), field }
  let sentence: string
  let detail: SpecIssueDetail | undefined
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ')
    const allowed = allowedKeys(input, path)
    sentence =
      `${field ? `${field}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}` +
      (allowed ? `; the fields here are ${allowed.join(', ')}` : '')
    detail = { code: 'unknown-field', params: { ...at, keys: [...issue.keys], allowed } }
  } else {
    const value = valueAt(input, path)
    const subject = field || (layerIndex === undefined ? 'the spec' : 'the layer')
    const notAnObject = value === null || typeof value !== 'object' || Array.isArray(value)
    // The rule zod reports, read back from its phrase (undefined for a phrase of zod's own).
    const rule = ruleOfPhrase(issue.message)
    if (layerIndex !== undefined && field === '' && notAnObject) {
      sentence = `the layer must be an object with a "type" field, e.g. {"type": "flatten"}, got ${showValue(value)}`
      detail = { code: 'layer-not-object', params: { index: layerIndex, value: showValue(value) } }
    } else if (value === undefined) {
      sentence = `${subject} is missing; it ${issue.message}`
      if (rule) detail = { code: 'field-missing', params: { ...at, ...rule } }
    } else {
      sentence = `${subject} ${issue.message}, got ${showValue(value)}`
      if (rule) detail = { code: 'field-invalid', params: { ...at, ...rule, value: showValue(value) } }
    }
  }
  const base = { path: pathToString(path), layerIndex, message: `${where}: ${sentence}` }
  return detail ? { ...base, ...detail } : base
}

export function describeIssues(input: unknown, error: z.ZodError): SpecIssue[] {
  return error.issues.map((issue) => describeIssue(input, issue))
}

/** The first issue as a SpecError; the message says how many more there are. */
export function issuesToError(issues: readonly SpecIssue[]): SpecError {
  const first = issues[0]
  if (!first) return new SpecError('model spec: invalid')
  const more = issues.length - 1
  const suffix = more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''
  return new SpecError(first.message + suffix, first.layerIndex, issueDetail(first))
}
