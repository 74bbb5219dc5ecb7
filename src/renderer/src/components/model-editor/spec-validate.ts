import type { SpecIssue } from '../../../../engine/models/spec-issues'
import type { LayerType } from '../../../../engine/models/spec-schema'
import {
  activations,
  type FieldKind,
  imageInputKeys,
  initKeys,
  initSchemes,
  LAYER_NAME_PATTERN,
  layerFields,
  layerTypes,
  MODEL_FORMAT,
  noiseKinds,
  poolModes,
  ruleText,
  topLevelKeys,
  unitSumBackwards,
  unitSumModes,
  vectorInputKeys,
} from './spec-rules'

/**
 * The schema check of a model spec without zod: every problem with the JSON's structure and field
 * values, worded as the engine words them (src/engine/models/spec-issues.ts):
 *
 *   model spec layers[2] (conv2d 'c2'): kernel must be a positive integer, got 0
 *
 * Like zod, a field either fails its type (which "aborts": a union then tries its other branch) or
 * a range check (which does not). Cross-field rules and shapes come after, in spec-check.ts.
 */
type Path = (string | number)[]

interface Found {
  path: Path
  /** The rule broken; for unknown keys, the keys. */
  rule: string | { unknown: string[] }
  /** A type failure, not a range failure (decides which branch of a union is reported). */
  aborts: boolean
}

type Issues = Found[]

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function integer(out: Issues, path: Path, v: unknown, min: number): void {
  const rule = min === 0 ? ruleText.nonNegativeInt : ruleText.positiveInt
  if (!isInt(v)) out.push({ path, rule, aborts: true })
  else if (v < min) out.push({ path, rule, aborts: false })
}

/** One integer for both axes, or [height, width]: zod's union reports a branch or the union. */
function perAxis(out: Issues, path: Path, v: unknown, min: number): void {
  const union = min === 0 ? ruleText.perAxisNonNegative : ruleText.perAxisPositive
  if (isInt(v)) return integer(out, path, v, min)
  if (Array.isArray(v) && v.length === 2 && v.every(isInt)) {
    v.forEach((item, i) => integer(out, [...path, i], item, min))
    return
  }
  out.push({ path, rule: union, aborts: true })
}

function numberIn(out: Issues, path: Path, v: unknown, rule: string, ok: (n: number) => boolean): void {
  if (!isFiniteNumber(v)) out.push({ path, rule, aborts: true })
  else if (!ok(v)) out.push({ path, rule, aborts: false })
}

function oneOf(out: Issues, path: Path, v: unknown, options: readonly string[], rule: string): void {
  if (typeof v !== 'string' || !options.includes(v)) out.push({ path, rule, aborts: true })
}

function layerName(out: Issues, path: Path, v: unknown): void {
  if (typeof v !== 'string') out.push({ path, rule: ruleText.string, aborts: true })
  else if (!LAYER_NAME_PATTERN.test(v)) out.push({ path, rule: ruleText.name, aborts: false })
}

function shapeList(out: Issues, path: Path, v: unknown): void {
  if (!Array.isArray(v)) return void out.push({ path, rule: ruleText.shapeList, aborts: true })
  v.forEach((item, i) => integer(out, [...path, i], item, 1))
  if (v.length === 0) out.push({ path, rule: ruleText.shapeEmpty, aborts: false })
}

const fieldCheck: Record<FieldKind, (out: Issues, path: Path, v: unknown) => void> = {
  'positive-int': (out, path, v) => integer(out, path, v, 1),
  'per-axis-positive': (out, path, v) => perAxis(out, path, v, 1),
  'per-axis-non-negative': (out, path, v) => perAxis(out, path, v, 0),
  activation: (out, path, v) => oneOf(out, path, v, activations, ruleText.activation),
  'pool-mode': (out, path, v) => oneOf(out, path, v, poolModes, ruleText.poolMode),
  'noise-kind': (out, path, v) => oneOf(out, path, v, noiseKinds, ruleText.noiseKind),
  p: (out, path, v) => numberIn(out, path, v, ruleText.p, (n) => n >= 1),
  rate: (out, path, v) => numberIn(out, path, v, ruleText.rate, (n) => n >= 0 && n < 1),
  level: (out, path, v) => numberIn(out, path, v, ruleText.level, (n) => n >= 0),
  name: layerName,
  bool: (out, path, v) => {
    if (typeof v !== 'boolean') out.push({ path, rule: ruleText.bool, aborts: true })
  },
  shape: shapeList,
  'sum-mode': (out, path, v) => oneOf(out, path, v, unitSumModes, ruleText.sumMode),
  'sum-backward': (out, path, v) => oneOf(out, path, v, unitSumBackwards, ruleText.sumBackward),
}

function unknownKeys(
  out: Issues,
  path: Path,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key))
  if (unknown.length > 0) out.push({ path, rule: { unknown }, aborts: false })
}

function checkLayer(out: Issues, index: number, layer: unknown): void {
  const path: Path = ['layers', index]
  if (!isObject(layer)) return void out.push({ path, rule: ruleText.layerType, aborts: true })
  if (typeof layer.type !== 'string' || !(layerTypes as readonly string[]).includes(layer.type)) {
    return void out.push({ path: [...path, 'type'], rule: ruleText.layerType, aborts: true })
  }
  const fields = layerFields[layer.type as LayerType]
  for (const { key, kind, required } of fields) {
    const value = layer[key]
    if (value === undefined) {
      if (required) fieldCheck[kind](out, [...path, key], value)
    } else fieldCheck[kind](out, [...path, key], value)
  }
  unknownKeys(out, path, layer, ['type', ...fields.map((f) => f.key)])
}

/** {channels, height, width} | {features}: the branch that fails only on ranges, else the union. */
function checkInput(out: Issues, input: unknown): void {
  const path: Path = ['input']
  const union: Found = { path, rule: ruleText.input, aborts: true }
  if (!isObject(input)) return void out.push(union)
  const branches = [imageInputKeys, vectorInputKeys].map((keys) => {
    const found: Issues = []
    for (const key of keys) integer(found, [...path, key], input[key], 1)
    unknownKeys(found, path, input, keys)
    return found
  })
  if (branches.some((found) => found.length === 0)) return
  const ranged = branches.filter((found) => !found.some((f) => f.aborts))
  if (ranged.length === 1) out.push(...ranged[0]!)
  else out.push(union)
}

function checkInit(out: Issues, init: unknown): void {
  if (init === undefined) return
  if (!isObject(init)) return void out.push({ path: ['init'], rule: ruleText.init, aborts: true })
  oneOf(out, ['init', 'scheme'], init.scheme, initSchemes, ruleText.initScheme)
  if (init.range !== undefined) numberIn(out, ['init', 'range'], init.range, ruleText.range, (n) => n > 0)
  unknownKeys(out, ['init'], init, initKeys)
}

function findIssues(spec: unknown): Issues {
  const out: Issues = []
  if (!isObject(spec)) return [{ path: [], rule: ruleText.spec, aborts: true }]
  if (spec.format !== MODEL_FORMAT) out.push({ path: ['format'], rule: ruleText.format, aborts: true })
  for (const key of ['name', 'description']) {
    if (spec[key] !== undefined && typeof spec[key] !== 'string') {
      out.push({ path: [key], rule: ruleText.string, aborts: true })
    }
  }
  checkInput(out, spec.input)
  checkInit(out, spec.init)
  const layers = spec.layers
  if (!Array.isArray(layers)) out.push({ path: ['layers'], rule: ruleText.layers, aborts: true })
  else if (layers.length === 0) out.push({ path: ['layers'], rule: ruleText.layersEmpty, aborts: false })
  else layers.forEach((layer, index) => checkLayer(out, index, layer))
  unknownKeys(out, [], spec, topLevelKeys)
  return out
}

/** Short JSON of a received value, cut at 60 characters (as the engine shows it). */
export function showValue(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

function valueAt(input: unknown, path: Path): unknown {
  let v: unknown = input
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[key]
  }
  return v
}

function pathToString(path: Path): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? key : `.${key}`
  }
  return out
}

/** "model spec layers[2] (conv2d 'c2')". */
export function layerLabel(spec: unknown, index: number): string {
  const layer = valueAt(spec, ['layers', index])
  const type = valueAt(layer, ['type'])
  const name = valueAt(layer, ['name'])
  const what = [typeof type === 'string' ? type : '', typeof name === 'string' ? `'${name}'` : '']
    .filter((part) => part !== '')
    .join(' ')
  return `model spec layers[${index}]${what ? ` (${what})` : ''}`
}

function allowedKeys(spec: unknown, path: Path): readonly string[] | undefined {
  if (path.length === 0) return topLevelKeys
  if (path.length === 1 && path[0] === 'init') return initKeys
  if (path.length === 2 && path[0] === 'layers') {
    const type = valueAt(spec, [...path, 'type']) as LayerType
    return ['type', ...layerFields[type].map((f) => f.key)]
  }
  return undefined
}

function describe(spec: unknown, found: Found): SpecIssue {
  const { path, rule } = found
  const layerIndex = path[0] === 'layers' && typeof path[1] === 'number' ? path[1] : undefined
  const where = layerIndex === undefined ? 'model spec' : layerLabel(spec, layerIndex)
  const field = pathToString(layerIndex === undefined ? path : path.slice(2))
  let sentence: string
  if (typeof rule !== 'string') {
    const keys = rule.unknown.map((k) => `"${k}"`).join(', ')
    const allowed = allowedKeys(spec, path)
    sentence =
      `${field ? `${field}: ` : ''}unknown field${rule.unknown.length > 1 ? 's' : ''} ${keys}` +
      (allowed ? `; the fields here are ${allowed.join(', ')}` : '')
  } else {
    const value = valueAt(spec, path)
    const subject = field || (layerIndex === undefined ? 'the spec' : 'the layer')
    if (layerIndex !== undefined && field === '') {
      sentence = `the layer must be an object with a "type" field, e.g. {"type": "flatten"}, got ${showValue(value)}`
    } else if (value === undefined) {
      sentence = `${subject} is missing; it ${rule}`
    } else {
      sentence = `${subject} ${rule}, got ${showValue(value)}`
    }
  }
  return { path: pathToString(path), layerIndex, message: `${where}: ${sentence}` }
}

/** Every schema problem of a spec (raw JSON), in the engine's order and words; [] when none. */
export function validateSpec(spec: unknown): SpecIssue[] {
  return findIssues(spec).map((found) => describe(spec, found))
}
