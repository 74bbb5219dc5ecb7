import { describe, expect, it } from 'vitest'
import { checkModelSpec } from '../../../../engine/models/shape-inference'
import {
  dlPySpec,
  leNet5Spec,
  tiedAutoencoderSpec,
  vgg16Spec,
} from '../../../../engine/models/test-support/lecture-specs'
import { englishWords } from '../../i18n/latin-names'
import { presetIds, presetSpec } from './presets'
import { problemString, problemText } from './problem-text'
import { checkSpec, layerNames, schemaIssues } from './spec-check'
import { layerFieldKeys, layerTypes } from './spec-rules'
import { problemI18n } from './test-support/problem-i18n'

// checkSpec is the engine's checkModelSpec seen from the editor: the same messages, grouped per
// layer, with the first problem in layer order. These cases compare the two on every rule.

const base = { format: 'dllab.model/1', input: { channels: 1, height: 28, width: 28 } }
const withLayers = (...layers: unknown[]) => ({ ...base, layers })
const conv = (extra: Record<string, unknown>) =>
  withLayers({ type: 'conv2d', filters: 6, kernel: 5, ...extra })

/** Specs the engine rejects, one case per rule of the schema, naming and shape inference. */
const invalid: [string, unknown][] = [
  ['format wrong', { ...leNet5Spec, format: 'x' }],
  ['format missing', { ...leNet5Spec, format: undefined }],
  ['unknown top-level field', { ...leNet5Spec, foo: 1 }],
  ['name not a string', { ...leNet5Spec, name: 5 }],
  ['description not a string', { ...leNet5Spec, description: false }],
  ['input height 0', { ...leNet5Spec, input: { channels: 1, height: 0, width: 28 } }],
  ['input two zeros', { ...leNet5Spec, input: { channels: 0, height: 0, width: 28 } }],
  ['input incomplete', { ...leNet5Spec, input: { channels: 1 } }],
  ['input both kinds', { ...leNet5Spec, input: { channels: 1, height: 2, width: 2, features: 3 } }],
  ['input wrong type', { ...leNet5Spec, input: { channels: 'a', height: 2, width: 2 } }],
  ['features 0', { ...dlPySpec, input: { features: 0 } }],
  ['features with unknown key', { ...dlPySpec, input: { features: 3, x: 1 } }],
  ['input empty', { ...leNet5Spec, input: {} }],
  ['input missing', { ...leNet5Spec, input: undefined }],
  ['input a number', { ...leNet5Spec, input: 5 }],
  ['init scheme unknown', { ...leNet5Spec, init: { scheme: 'foo' } }],
  ['init scheme missing', { ...leNet5Spec, init: { range: 1 } }],
  ['init range 0', { ...leNet5Spec, init: { scheme: 'uniform', range: 0 } }],
  ['init unknown key', { ...leNet5Spec, init: { scheme: 'he', foo: 1 } }],
  ['init range with he', { ...leNet5Spec, init: { scheme: 'he', range: 1 } }],
  ['no layers', withLayers()],
  ['layers not a list', { ...base, layers: 3 }],
  ['layer a number', withLayers(5)],
  ['layer null', withLayers(null)],
  ['layer a list', withLayers([1])],
  ['layer type unknown', withLayers({ type: 'convv' })],
  ['layer type missing', withLayers({})],
  ['layer type a number', withLayers({ type: 7 })],
  ['several problems in a layer', conv({ filters: 0, kernel: [3, 'a'], filter: 3 })],
  ['kernel 0', conv({ kernel: 0 })],
  ['kernel −1', conv({ kernel: -1 })],
  ['kernel 2.5', conv({ kernel: 2.5 })],
  ['kernel NaN', conv({ kernel: Number.NaN })],
  ['kernel [3, 0]', conv({ kernel: [3, 0] })],
  ['kernel [0, 0]', conv({ kernel: [0, 0] })],
  ['kernel [3]', conv({ kernel: [3] })],
  ['kernel [3, 3, 3]', conv({ kernel: [3, 3, 3] })],
  ['kernel [2.5, 1]', conv({ kernel: [2.5, 1] })],
  ['kernel a string', conv({ kernel: 'a' })],
  ['kernel true', conv({ kernel: true })],
  ['kernel missing', conv({ kernel: undefined })],
  ['padding −1', conv({ padding: -1 })],
  ['stride null', conv({ stride: null })],
  ['name with a space and filters 6.5', conv({ filters: 6.5, name: 'a b' })],
  ['activation unknown, useBias 1', conv({ activation: 'gelu', useBias: 1 })],
  ['units NaN', withLayers({ type: 'dense', units: Number.NaN })],
  ['units missing twice', withLayers({ type: 'conv2d', kernel: 5 }, { type: 'dense' })],
  ['empty name', withLayers({ type: 'flatten', name: '' })],
  ['name a number', withLayers({ type: 'flatten', name: 5 })],
  ['pool mode unknown, p 0', withLayers({ type: 'pool2d', mode: 'mean', size: 2, p: 0 })],
  ['pool p with max', withLayers({ type: 'pool2d', mode: 'max', size: 2, p: 3 })],
  ['pool p a string', withLayers({ type: 'pool2d', mode: 'lp', size: 2, p: 'a' })],
  ['pool p infinite', withLayers({ type: 'pool2d', mode: 'lp', size: 2, p: Infinity })],
  ['lp pooling with padding', withLayers({ type: 'pool2d', mode: 'lp', size: 2, padding: 1 })],
  ['pool padding over half', withLayers({ type: 'pool2d', mode: 'max', size: 2, padding: 2 })],
  ['dropout rate 1', withLayers({ type: 'dropout', rate: 1 })],
  ['dropout rate −0.1', withLayers({ type: 'dropout', rate: -0.1 })],
  ['dropout rate missing', withLayers({ type: 'dropout' })],
  ['noise kind and level', withLayers({ type: 'noise', kind: 'x', level: -1 })],
  ['masking level 2', withLayers({ type: 'noise', kind: 'masking', level: 2 })],
  ['gaussian level infinite', withLayers({ type: 'noise', kind: 'gaussian', level: Infinity })],
  ['reshape empty', withLayers({ type: 'reshape', shape: [] })],
  ['reshape bad items', withLayers({ type: 'reshape', shape: [1, 'a', 0] })],
  ['reshape not a list', withLayers({ type: 'reshape', shape: 'a' })],
  ['reshape missing', withLayers({ type: 'reshape' })],
  ['reshape wrong size', withLayers({ type: 'reshape', shape: [2, 28, 28] })],
  ['tiedTo missing', withLayers({ type: 'tied-dense' })],
  ['tiedTo empty', withLayers({ type: 'tied-dense', tiedTo: '' })],
  [
    'tiedTo unknown',
    { ...tiedAutoencoderSpec, layers: [tiedAutoencoderSpec.layers[0], { type: 'tied-dense', tiedTo: 'x' }] },
  ],
  ['activation missing', withLayers({ type: 'activation' })],
  ['unit-sum mode and backward unknown', withLayers({ type: 'unit-sum', mode: 'max', backward: 'x' })],
  ['unit-sum on an image', withLayers({ type: 'unit-sum' })],
  ['unit-sum unknown field', { ...dlPySpec, layers: [{ type: 'unit-sum', p: 2 }] }],
  ['duplicate names', withLayers({ type: 'flatten', name: 'x' }, { type: 'dense', name: 'x', units: 3 })],
  ['default name taken', withLayers({ type: 'flatten', name: 'dense1' }, { type: 'dense', units: 3 })],
  ['stride 2 on 28 with kernel 5', conv({ stride: 2 })],
  ['kernel larger than the input', conv({ kernel: 29 })],
  ['dense on an image', withLayers({ type: 'dense', units: 10 })],
  ['conv on a vector', { ...dlPySpec, layers: [{ type: 'conv2d', filters: 1, kernel: 3 }] }],
  ['softmax on an image', conv({ activation: 'softmax', padding: 2 })],
  ['spec a number', 5],
  ['spec a list', []],
  ['spec null', null],
  ['three top-level problems', { format: 5, input: 3, layers: 4 }],
]

describe('checkSpec: the engine’s checkModelSpec as the editor shows it', () => {
  const valid: [string, unknown][] = [
    ['LeNet-5', leNet5Spec],
    ['DL.py', dlPySpec],
    ['VGG-16', vgg16Spec],
    ['tied autoencoder', tiedAutoencoderSpec],
    [
      'AE.py with a unit-sum hidden layer',
      {
        ...dlPySpec,
        layers: [
          { type: 'dense', name: 'hunit', units: 100 },
          { type: 'unit-sum', backward: 'identity' },
          { type: 'dense', units: 196 },
        ],
      },
    ],
    ...presetIds.map((id): [string, unknown] => [`preset ${id}`, presetSpec(id)]),
  ]

  it.each(valid)('%s: the same shapes, parameters and total', (_, spec) => {
    const engine = checkModelSpec(spec)
    const ours = checkSpec(spec)
    expect(engine.ok).toBe(true)
    expect(ours.problem).toBeUndefined()
    expect(schemaIssues(spec)).toEqual([])
    expect(ours.layers).toEqual(engine.layers)
    expect(ours.totalParameters).toBe(engine.ok ? engine.summary.totalParameters : NaN)
    expect(ours.inputShape).toEqual(engine.ok ? engine.summary.inputShape : NaN)
    // The rows' names before any check: the engine's defaults.
    expect(layerNames((spec as { layers: unknown[] }).layers)).toEqual(engine.layers.map((l) => l.name))
  })

  it.each(invalid)('%s: the same first message, layer and shapes before it', (_, spec) => {
    const engine = checkModelSpec(spec)
    const ours = checkSpec(spec)
    expect(engine.ok).toBe(false)
    if (engine.ok) return
    expect(ours.problem?.message).toBe(engine.error.message)
    expect(ours.problem?.layerIndex).toBe(engine.error.layerIndex)
    const layerIssues = engine.error.issues.filter((issue) => issue.layerIndex === engine.error.layerIndex)
    expect(ours.problem?.messages).toEqual(layerIssues.map((issue) => issue.message))
    expect(ours.problem?.paths).toEqual(layerIssues.map((issue) => issue.path))
    if (engine.error.layerIndex !== undefined) expect(ours.layers).toEqual(engine.layers)
  })

  const [en, ja] = [problemI18n('en'), problemI18n('ja')]
  it.each(invalid)(
    '%s: every problem has a code, said in English as the engine says it, and in Japanese',
    (_, spec) => {
      const engine = checkModelSpec(spec)
      const issues = [...(engine.ok ? [] : engine.error.issues), ...(checkSpec(spec).problem?.issues ?? [])]
      expect(issues.length).toBeGreaterThan(0)
      for (const issue of issues) {
        expect(issue.code, issue.message).toBeDefined()
        expect(problemString(problemText(issue, en))).toBe(issue.message)
        const japanese = problemText(issue, ja)
        expect(japanese.kind, issue.message).toBe('translated')
        if (japanese.kind !== 'translated') continue
        const words = japanese.segments.filter((s) => !s.notation).map((s) => s.text)
        expect(englishWords(words.join(' ')), issue.message).toEqual([])
      }
    },
  )

  it('lists every schema problem of a file, and only those, in the engine’s order and words', () => {
    expect(schemaIssues(conv({ filters: 0, kernel: [3, 'a'], filter: 3 })).map((i) => i.message)).toEqual([
      'model spec layers[0] (conv2d): filters must be a positive integer, got 0',
      'model spec layers[0] (conv2d): kernel must be a positive integer or a pair [height, width] of them, ' +
        'got [3,"a"]',
      'model spec layers[0] (conv2d): unknown field "filter"; the fields here are type, name, filters, ' +
        'kernel, stride, padding, activation, useBias',
    ])
    // Names and shapes are not the schema's: such a file loads, the editor marks the layer.
    expect(schemaIssues(conv({ stride: 2 }))).toEqual([])
    expect(schemaIssues(withLayers({ type: 'flatten', name: 'x' }, { type: 'flatten', name: 'x' }))).toEqual(
      [],
    )
  })

  it('reports the first invalid layer in layer order, keeping the shapes above it', () => {
    // The engine reports schema problems (layer 3 here) before shapes; the editor marks layer 1,
    // the first that cannot be computed, and keeps layer 0's shape.
    const spec = withLayers(
      { type: 'conv2d', filters: 6, kernel: 5 },
      { type: 'conv2d', filters: 6, kernel: 5, stride: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 0 },
    )
    const engine = checkModelSpec(spec)
    expect(engine.ok ? undefined : engine.error.layerIndex).toBe(3)
    const ours = checkSpec(spec)
    expect(ours.problem?.layerIndex).toBe(1)
    expect(ours.problem?.message).toBe(
      "conv2d 'conv2d2': output height (24 − 5 + 2·0)/2 + 1 = 10.5 is not an integer; change stride or padding",
    )
    expect(ours.layers.map((l) => l.outputShape)).toEqual([[6, 24, 24]])
  })

  it('a problem outside the input and the layers keeps every layer computed, and comes after them', () => {
    const ours = checkSpec({ ...leNet5Spec, init: { scheme: 'he', range: 1 } })
    expect(ours.problem?.layerIndex).toBeUndefined()
    expect(ours.problem?.message).toBe(
      "model spec: init.range applies only to the 'uniform' scheme, got scheme 'he'; remove range",
    )
    expect(ours.layers).toHaveLength(8)
    expect(ours.totalParameters).toBe(61706)
    expect(ours.inputShape).toEqual([1, 28, 28])

    const both = checkSpec({ ...conv({ stride: 2 }), name: 5 })
    expect(both.problem?.layerIndex).toBe(0)
    expect(both.problem?.message).toBe(
      "conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding",
    )
    expect(checkSpec({ ...leNet5Spec, name: 5 }).problem?.messages).toEqual([
      'model spec: name must be a string, got 5',
    ])
  })

  it('keeps the input shape while a layer is invalid, and drops it with the input', () => {
    const ours = checkSpec(conv({ stride: 2 }))
    expect(ours.inputShape).toEqual([1, 28, 28])
    expect(ours.layers).toEqual([])
    expect(ours.totalParameters).toBe(0)
    const noInput = checkSpec({ ...leNet5Spec, input: { channels: 1, height: 0, width: 28 } })
    expect(noInput.inputShape).toBeUndefined()
    expect(noInput.layers).toEqual([])
    expect(noInput.problem?.paths).toEqual(['input.height'])
    // A new model with its input and no layer yet: the input's shape, the missing layers the problem.
    const empty = checkSpec({ ...leNet5Spec, layers: [] })
    expect(empty.inputShape).toEqual([1, 28, 28])
    expect(empty.layers).toEqual([])
    expect(empty.problem).toBeDefined()
  })
})

describe('the editor’s spec vocabulary, read from the engine’s schema', () => {
  it('lists the ten layer types and each type’s fields in schema order', () => {
    expect(layerTypes).toEqual([
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
    ])
    expect(layerFieldKeys.conv2d).toEqual([
      'name',
      'filters',
      'kernel',
      'stride',
      'padding',
      'activation',
      'useBias',
    ])
    expect(layerFieldKeys.pool2d).toEqual(['name', 'mode', 'size', 'stride', 'padding', 'p'])
    expect(layerFieldKeys['tied-dense']).toEqual(['name', 'tiedTo', 'activation', 'useBias'])
    expect(layerFieldKeys.flatten).toEqual(['name'])
  })
})
