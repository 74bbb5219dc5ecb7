import { describe, expect, it } from 'vitest'
import { SpecError } from '../errors'
import { parseModelSpec, safeParseModelSpec } from './spec'
import type { LayerSpec, ModelSpec } from './spec-schema'
import { leNet5Spec } from './test-support/lecture-specs'

const withLayers = (layers: unknown[], base: ModelSpec = leNet5Spec): unknown => ({ ...base, layers })

function specError(spec: unknown): SpecError {
  try {
    parseModelSpec(spec)
  } catch (error) {
    if (error instanceof SpecError) return error
    throw error
  }
  throw new Error('expected a SpecError')
}

describe('parseModelSpec: defaults and names', () => {
  it('names unnamed layers `${type}${k}` per type and fills every default', () => {
    const parsed = parseModelSpec(leNet5Spec)
    expect(parsed.layers.map((l) => l.name)).toEqual([
      'conv2d1',
      'pool2d1',
      'conv2d2',
      'pool2d2',
      'flatten1',
      'dense1',
      'dense2',
      'dense3',
    ])
    expect(parsed.layers[2]).toEqual({
      type: 'conv2d',
      name: 'conv2d2',
      filters: 16,
      kernel: 5,
      stride: 1,
      padding: 0,
      activation: 'relu',
      useBias: true,
    })
    expect(parsed.layers[1]).toEqual({
      type: 'pool2d',
      name: 'pool2d1',
      mode: 'max',
      size: 2,
      stride: 2,
      padding: 0,
    })
    expect(parsed.init).toEqual({ scheme: 'he' })
  })

  it('defaults the init to the lecture’s uniform scheme, a pool stride to its size and Lp’s p to 2', () => {
    const parsed = parseModelSpec({
      format: 'dllab.model/1',
      input: { channels: 1, height: 8, width: 8 },
      layers: [
        { type: 'pool2d', mode: 'lp', size: [2, 4] },
        { type: 'pool2d', name: 'avg', mode: 'avg', size: 3, stride: 1, padding: [1, 0] },
      ],
    })
    expect(parsed.init).toEqual({ scheme: 'uniform' })
    expect(parsed.layers).toEqual([
      { type: 'pool2d', name: 'pool2d1', mode: 'lp', size: [2, 4], stride: [2, 4], padding: 0, p: 2 },
      { type: 'pool2d', name: 'avg', mode: 'avg', size: 3, stride: 1, padding: [1, 0] },
    ])
  })

  it('keeps given names, counts per type around them, and parses its own output to itself', () => {
    const layers: LayerSpec[] = [
      { type: 'dense', name: 'enc', units: 100, activation: 'sigmoid' },
      { type: 'dense', units: 50 },
      { type: 'tied-dense', tiedTo: 'enc' },
    ]
    const parsed = parseModelSpec({ format: 'dllab.model/1', input: { features: 784 }, layers })
    expect(parsed.layers.map((l) => l.name)).toEqual(['enc', 'dense2', 'tied-dense1'])
    expect(parseModelSpec(parsed)).toEqual(parsed)
    expect(parseModelSpec(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed)
  })
})

describe('parseModelSpec: schema problems become SpecErrors with the layer index and path', () => {
  it.each([
    [
      'unknown layer type',
      withLayers([{ type: 'flatten' }, { type: 'conv', filters: 6 }]),
      1,
      'model spec layers[1] (conv): type must be one of dense, conv2d, pool2d, flatten, reshape, activation, ' +
        'dropout, noise, tied-dense, unit-sum, got "conv"',
    ],
    [
      'unknown activation',
      withLayers([{ type: 'conv2d', name: 'c1', filters: 6, kernel: 5, activation: 'gelu' }]),
      0,
      "model spec layers[0] (conv2d 'c1'): activation must be one of identity, sigmoid, tanh, relu, softmax, " +
        'got "gelu"',
    ],
    [
      'a missing field',
      withLayers([{ type: 'dense' }]),
      0,
      'model spec layers[0] (dense): units is missing; it must be a positive integer',
    ],
    [
      'a fractional unit count',
      withLayers([{ type: 'flatten' }, { type: 'dense', units: 2.5 }]),
      1,
      'model spec layers[1] (dense): units must be a positive integer, got 2.5',
    ],
    [
      'a bad per-axis pair',
      withLayers([{ type: 'conv2d', filters: 6, kernel: [3, 'a'] }]),
      0,
      'model spec layers[0] (conv2d): kernel must be a positive integer or a pair [height, width] of them, ' +
        'got [3,"a"]',
    ],
    [
      'a typo in a field name',
      withLayers([{ type: 'conv2d', filter: 6, filters: 6, kernel: 5 }]),
      0,
      'model spec layers[0] (conv2d): unknown field "filter"; the fields here are type, name, filters, kernel, ' +
        'stride, padding, activation, useBias',
    ],
    [
      'a dropout rate of 1',
      withLayers([{ type: 'dropout', rate: 1 }]),
      0,
      'model spec layers[0] (dropout): rate must be a number in [0, 1), got 1',
    ],
    [
      'a layer name with a dot',
      withLayers([{ type: 'flatten', name: 'a.b' }]),
      0,
      "model spec layers[0] (flatten 'a.b'): name must be 1–64 letters, digits, _ or - (it becomes the " +
        'checkpoint key), got "a.b"',
    ],
    [
      'a wrong format',
      { ...leNet5Spec, format: 'dllab.model/2' },
      undefined,
      'model spec: format must be "dllab.model/1", got "dllab.model/2"',
    ],
    [
      'an incomplete input',
      { ...leNet5Spec, input: { channels: 1, height: 28 } },
      undefined,
      'model spec: input must be {channels, height, width} for images or {features} for vectors, all positive ' +
        'integers, got {"channels":1,"height":28}',
    ],
    ['no layers', withLayers([]), undefined, 'model spec: layers must list at least one layer, got []'],
    [
      'not an object',
      [leNet5Spec],
      undefined,
      'model spec: the spec must be a JSON object with format, input and layers, got [{"format"',
    ],
    [
      'a layer that is not an object',
      withLayers([{ type: 'flatten' }, 5]),
      1,
      'model spec layers[1]: the layer must be an object with a "type" field, e.g. {"type": "flatten"}, got 5',
    ],
    [
      'an unknown top-level field',
      { ...leNet5Spec, optimizer: 'sgd' },
      undefined,
      'model spec: unknown field "optimizer"; the fields here are format, name, description, input, init, layers',
    ],
  ])('%s', (_what, spec, layerIndex, message) => {
    const error = specError(spec)
    expect(error.layerIndex).toBe(layerIndex)
    expect(error.message.startsWith(message), error.message).toBe(true)
  })

  it('lists every schema problem for the editor and counts the rest in the error message', () => {
    const spec = withLayers([
      { type: 'conv2d', filters: 0, kernel: 5 },
      { type: 'pool2d', mode: 'median', size: 2 },
    ])
    const result = safeParseModelSpec(spec)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => [i.path, i.layerIndex])).toEqual([
      ['layers[0].filters', 0],
      ['layers[1].mode', 1],
    ])
    expect(specError(spec).message).toBe(
      'model spec layers[0] (conv2d): filters must be a positive integer, got 0 (and 1 more problem)',
    )
  })
})

describe('parseModelSpec: rules across fields and layers', () => {
  it.each([
    [
      'a repeated name',
      withLayers([
        { type: 'flatten', name: 'x' },
        { type: 'dense', name: 'x', units: 3 },
      ]),
      1,
      "dense 'x': the name is already used by layers[0]; layer names must be unique",
    ],
    [
      'a default name taken by a given one',
      withLayers([
        { type: 'flatten', name: 'dense1' },
        { type: 'dense', units: 3 },
      ]),
      1,
      "model spec layers[1] (dense): its default name 'dense1' is taken by layers[0]; give this layer a name",
    ],
    [
      'p on a max pool',
      withLayers([{ type: 'pool2d', name: 'p1', mode: 'max', size: 2, p: 3 }]),
      0,
      "pool2d 'p1': p applies only to Lp pooling (mode 'lp'), got mode 'max'; remove p or set mode 'lp'",
    ],
    [
      'a masking level above 1',
      withLayers([{ type: 'noise', kind: 'masking', level: 1.5 }]),
      0,
      "noise 'noise1': level is the fraction of values zeroed and must be in [0, 1], got 1.5; e.g. 0.25",
    ],
    [
      'a range with the He scheme',
      { ...leNet5Spec, init: { scheme: 'he', range: 0.1 } },
      undefined,
      "model spec: init.range applies only to the 'uniform' scheme, got scheme 'he'; remove range",
    ],
  ])('%s', (_what, spec, layerIndex, message) => {
    const error = specError(spec)
    expect(error.layerIndex).toBe(layerIndex)
    expect(error.message).toBe(message)
  })

  it('accepts a gaussian level above 1 (it is σ, not a fraction)', () => {
    const parsed = parseModelSpec(withLayers([{ type: 'noise', kind: 'gaussian', level: 2 }]))
    expect(parsed.layers[0]).toEqual({ type: 'noise', name: 'noise1', kind: 'gaussian', level: 2 })
  })
})
