import { type IssueCase, image, specCase, vector, withLayers } from './issue-case-support'
import { leNet5Spec } from './lecture-specs'

/** The schema's problems (spec-issues.ts): one case per rule of schema-rules.ts and per sentence form. */
const conv = (fields: object) => withLayers(image, { type: 'conv2d', filters: 6, kernel: 5, ...fields })
/** The layer types as the schema lists them in its messages (written out: the test's own expectation). */
const LAYER_TYPES = [
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
]
/** Where a problem of layers[0] lies: what the layer says of itself and the field. */
const inLayer0 = (layer: string, field: string) => ({ index: 0, layer, field })

export const schemaCases: IssueCase[] = [
  specCase(
    'a convolution without filters',
    withLayers(image, { type: 'conv2d', kernel: 5 }),
    'model spec layers[0] (conv2d): filters is missing; it must be a positive integer',
    { code: 'field-missing', params: { ...inLayer0('conv2d', 'filters'), rule: 'positive-integer' } },
  ),
  specCase(
    'a layer without a type or a name',
    withLayers(image, { units: 3 }),
    'model spec layers[0]: type is missing; it must be one of dense, conv2d, pool2d, flatten, reshape, ' +
      'activation, dropout, noise, tied-dense, unit-sum',
    {
      code: 'field-missing',
      params: {
        index: 0,
        field: 'type',
        rule: 'layer-type',
        options: LAYER_TYPES,
      },
    },
  ),
  specCase(
    '0 filters',
    conv({ filters: 0 }),
    'model spec layers[0] (conv2d): filters must be a positive integer, got 0',
    {
      code: 'field-invalid',
      params: { ...inLayer0('conv2d', 'filters'), rule: 'positive-integer', value: '0' },
    },
  ),
  specCase(
    'a kernel pair with a letter',
    conv({ name: 'c1', kernel: [3, 'a'] }),
    'model spec layers[0] (conv2d \'c1\'): kernel must be a positive integer or a pair [height, width] of them, got [3,"a"]',
    {
      code: 'field-invalid',
      params: { ...inLayer0("conv2d 'c1'", 'kernel'), rule: 'positive-integer-per-axis', value: '[3,"a"]' },
    },
  ),
  specCase(
    'padding −1',
    conv({ padding: -1 }),
    'model spec layers[0] (conv2d): padding must be a non-negative integer, got -1',
    {
      code: 'field-invalid',
      params: { ...inLayer0('conv2d', 'padding'), rule: 'non-negative-integer', value: '-1' },
    },
  ),
  specCase(
    'padding "same"',
    conv({ padding: 'same' }),
    'model spec layers[0] (conv2d): padding must be a non-negative integer or a pair [height, width] of them, ' +
      'got "same"',
    {
      code: 'field-invalid',
      params: { ...inLayer0('conv2d', 'padding'), rule: 'non-negative-integer-per-axis', value: '"same"' },
    },
  ),
  specCase('a number as the name', { ...leNet5Spec, name: 5 }, 'model spec: name must be a string, got 5', {
    code: 'field-invalid',
    params: { index: undefined, field: 'name', rule: 'string', value: '5' },
  }),
  specCase(
    'a layer name with a space',
    conv({ name: 'conv 1' }),
    "model spec layers[0] (conv2d 'conv 1'): name must be 1–64 letters, digits, _ or - (it becomes the " +
      'checkpoint key), got "conv 1"',
    {
      code: 'field-invalid',
      params: { ...inLayer0("conv2d 'conv 1'", 'name'), rule: 'layer-name', value: '"conv 1"' },
    },
  ),
  specCase(
    'useBias 1',
    conv({ useBias: 1 }),
    'model spec layers[0] (conv2d): useBias must be true or false, got 1',
    { code: 'field-invalid', params: { ...inLayer0('conv2d', 'useBias'), rule: 'boolean', value: '1' } },
  ),
  specCase(
    'a reshape to a number',
    withLayers(vector(784), { type: 'reshape', shape: 784 }),
    'model spec layers[0] (reshape): shape must be a list of positive integers, got 784',
    {
      code: 'field-invalid',
      params: { ...inLayer0('reshape', 'shape'), rule: 'positive-integer-list', value: '784' },
    },
  ),
  specCase(
    'a reshape to no dimension',
    withLayers(vector(784), { type: 'reshape', shape: [] }),
    'model spec layers[0] (reshape): shape must list at least one dimension (per sample, without the batch), got []',
    {
      code: 'field-invalid',
      params: { ...inLayer0('reshape', 'shape'), rule: 'dimension-needed', value: '[]' },
    },
  ),
  specCase(
    'dropout rate 1',
    withLayers(vector(4), { type: 'dropout', rate: 1 }),
    'model spec layers[0] (dropout): rate must be a number in [0, 1), got 1',
    {
      code: 'field-invalid',
      params: { ...inLayer0('dropout', 'rate'), rule: 'fraction-below-one', value: '1' },
    },
  ),
  specCase(
    'noise level −0.5',
    withLayers(vector(4), { type: 'noise', kind: 'gaussian', level: -0.5 }),
    'model spec layers[0] (noise): level must be a finite number ≥ 0, got -0.5',
    {
      code: 'field-invalid',
      params: { ...inLayer0('noise', 'level'), rule: 'finite-non-negative', value: '-0.5' },
    },
  ),
  specCase(
    'Lp pooling with p 0.5',
    withLayers(image, { type: 'pool2d', mode: 'lp', size: 2, p: 0.5 }),
    'model spec layers[0] (pool2d): p must be a number ≥ 1, got 0.5',
    { code: 'field-invalid', params: { ...inLayer0('pool2d', 'p'), rule: 'at-least-one', value: '0.5' } },
  ),
  specCase(
    'a negative uniform range',
    { ...leNet5Spec, init: { scheme: 'uniform', range: -1 } },
    'model spec: init.range must be a finite number > 0, got -1',
    {
      code: 'field-invalid',
      params: { index: undefined, field: 'init.range', rule: 'finite-positive', value: '-1' },
    },
  ),
  specCase(
    'an input of height 0',
    { ...leNet5Spec, input: { channels: 1, height: 0, width: 28 } },
    'model spec: input.height must be a positive integer, got 0',
    {
      code: 'field-invalid',
      params: { index: undefined, field: 'input.height', rule: 'positive-integer', value: '0' },
    },
  ),
  specCase(
    'a number as the input',
    { ...leNet5Spec, input: 784 },
    'model spec: input must be {channels, height, width} for images or {features} for vectors, all positive ' +
      'integers, got 784',
    {
      code: 'field-invalid',
      params: { index: undefined, field: 'input', rule: 'input-shape', value: '784' },
    },
  ),
  specCase(
    'another format',
    { ...leNet5Spec, format: 'dllab.model/2' },
    'model spec: format must be "dllab.model/1", got "dllab.model/2"',
    {
      code: 'field-invalid',
      params: {
        index: undefined,
        field: 'format',
        rule: 'format',
        options: ['dllab.model/1'],
        value: '"dllab.model/2"',
      },
    },
  ),
  specCase(
    'layers as a string',
    { ...leNet5Spec, layers: 'conv2d' },
    'model spec: layers must be a list of layers, got "conv2d"',
    {
      code: 'field-invalid',
      params: { index: undefined, field: 'layers', rule: 'layer-list', value: '"conv2d"' },
    },
  ),
  specCase(
    'no layers',
    { ...leNet5Spec, layers: [] },
    'model spec: layers must list at least one layer, got []',
    {
      code: 'field-invalid',
      params: { index: undefined, field: 'layers', rule: 'layer-needed', value: '[]' },
    },
  ),
  specCase(
    'a number as the spec',
    5,
    'model spec: the spec must be a JSON object with format, input and layers, got 5',
    { code: 'field-invalid', params: { index: undefined, field: '', rule: 'spec-object', value: '5' } },
  ),
  specCase(
    'a number as the initialisation',
    { ...leNet5Spec, init: 0.5 },
    'model spec: init must be an object with a scheme, e.g. {"scheme": "he"}, got 0.5',
    { code: 'field-invalid', params: { index: undefined, field: 'init', rule: 'init-object', value: '0.5' } },
  ),
  specCase(
    'an unknown activation',
    conv({ activation: 'gelu' }),
    'model spec layers[0] (conv2d): activation must be one of identity, sigmoid, tanh, relu, softmax, got "gelu"',
    {
      code: 'field-invalid',
      params: {
        ...inLayer0('conv2d', 'activation'),
        rule: 'one-of',
        options: ['identity', 'sigmoid', 'tanh', 'relu', 'softmax'],
        value: '"gelu"',
      },
    },
  ),
  specCase(
    'an unknown layer type',
    withLayers(image, { type: 'conv', filters: 6 }),
    'model spec layers[0] (conv): type must be one of dense, conv2d, pool2d, flatten, reshape, activation, ' +
      'dropout, noise, tied-dense, unit-sum, got "conv"',
    {
      code: 'field-invalid',
      params: {
        ...inLayer0('conv', 'type'),
        rule: 'layer-type',
        options: LAYER_TYPES,
        value: '"conv"',
      },
    },
  ),
  specCase(
    'a number as a layer',
    withLayers(image, 5),
    'model spec layers[0]: the layer must be an object with a "type" field, e.g. {"type": "flatten"}, got 5',
    { code: 'layer-not-object', params: { index: 0, value: '5' } },
  ),
  specCase(
    'a misspelt field',
    withLayers(vector(784), { type: 'dense', units: 10, unit: 10 }),
    'model spec layers[0] (dense): unknown field "unit"; the fields here are type, name, units, activation, useBias',
    {
      code: 'unknown-field',
      params: {
        ...inLayer0('dense', ''),
        keys: ['unit'],
        allowed: ['type', 'name', 'units', 'activation', 'useBias'],
      },
    },
  ),
  specCase(
    'two unknown fields of the spec',
    { ...leNet5Spec, author: 'me', year: 2024 },
    'model spec: unknown fields "author", "year"; the fields here are format, name, description, input, init, layers',
    {
      code: 'unknown-field',
      params: {
        index: undefined,
        field: '',
        keys: ['author', 'year'],
        allowed: ['format', 'name', 'description', 'input', 'init', 'layers'],
      },
    },
  ),
  specCase(
    'a vector input with a height',
    { ...leNet5Spec, input: { height: 28, features: 784 } },
    'model spec: input: unknown field "height"',
    {
      code: 'unknown-field',
      params: { index: undefined, field: 'input', keys: ['height'], allowed: undefined },
    },
  ),
  specCase(
    'an unknown field of the initialisation',
    { ...leNet5Spec, init: { scheme: 'he', gain: 2 } },
    'model spec: init: unknown field "gain"; the fields here are scheme, range',
    {
      code: 'unknown-field',
      params: { index: undefined, field: 'init', keys: ['gain'], allowed: ['scheme', 'range'] },
    },
  ),
]
