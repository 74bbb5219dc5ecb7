import { SpecError } from '../../errors'
import { perAxis } from '../../layers/window'
import { issueFromError } from '../spec-issues'
import type { LayerSpec } from '../spec-schema'
import { type IssueCase, image, specCase, vector, withLayers } from './issue-case-support'
import { leNet5Spec } from './lecture-specs'
import { schemaCases } from './schema-issue-cases'

export type { IssueCase } from './issue-case-support'

/**
 * One spec (or call) per problem the model check reports, with the English sentence and the machine
 * form expected: every code of issue-codes.ts, every schema rule, and the variants of a sentence
 * (plural, with and without suggestions). The engine's tests check the check; the renderer's check
 * that its translations say the same in English and keep the numbers in Japanese.
 */
const conv5: LayerSpec = { type: 'conv2d', filters: 6, kernel: 5, stride: 2, padding: 0 }

const shapeCases: IssueCase[] = [
  specCase(
    'LeNet-5 with stride 2 on the 5×5 kernel',
    { ...leNet5Spec, layers: [conv5, ...leNet5Spec.layers.slice(1)] },
    "conv2d 'conv2d1': output height (28 − 5 + 2·0)/2 + 1 = 12.5 is not an integer; change stride or padding",
    {
      code: 'output-size-not-integer',
      params: {
        label: "conv2d 'conv2d1'",
        axis: 'height',
        input: 28,
        kernel: 5,
        pad: 0,
        stride: 2,
        result: 12.5,
      },
    },
  ),
  specCase(
    'a 7×7 kernel on a 4×4 image',
    {
      ...image,
      input: { channels: 1, height: 4, width: 4 },
      layers: [{ type: 'conv2d', filters: 1, kernel: 7 }],
    },
    "conv2d 'conv2d1': output height (4 − 7 + 2·0)/1 + 1 = −2: the height 7 window is larger than the padded " +
      'input 4 + 2·0 = 4; use a smaller window or more padding',
    {
      code: 'output-size-below-one',
      params: {
        label: "conv2d 'conv2d1'",
        axis: 'height',
        input: 4,
        kernel: 7,
        pad: 0,
        stride: 1,
        result: -2,
        padded: 4,
      },
    },
  ),
  {
    title: 'a window pair with a zero (the layer constructors check it; the schema first)',
    issue: () => {
      try {
        perAxis("conv2d 'c1'", 'kernel', [3, 0], 1)
      } catch (error) {
        if (error instanceof SpecError) return issueFromError('layers[0].kernel', error)
      }
      throw new Error('perAxis accepted [3, 0]')
    },
    message: "conv2d 'c1': kernel must be an integer ≥ 1 or a pair [height, width] of them, got [3, 0]",
    detail: {
      code: 'window-field-invalid',
      params: { label: "conv2d 'c1'", field: 'kernel', min: 1, value: '[3, 0]' },
    },
  },
  specCase(
    'a dense layer on an image',
    withLayers(image, { type: 'dense', units: 10 }),
    "dense 'dense1' needs a flat input but gets (1, 28, 28); add a flatten layer before it",
    { code: 'flat-input-needed', params: { label: "dense 'dense1'", shape: [1, 28, 28] } },
  ),
  specCase(
    'a convolution on a vector',
    withLayers(vector(784), { type: 'conv2d', filters: 6, kernel: 5 }),
    "conv2d 'conv2d1' needs an image input (C, Y, X) but gets (784); add a reshape layer (e.g. shape " +
      '[1, 28, 28] for 784 pixels) before it',
    { code: 'image-input-needed', params: { label: "conv2d 'conv2d1'", shape: [784] } },
  ),
  specCase(
    'pooling 2×2 with padding 2',
    withLayers(image, { type: 'pool2d', mode: 'max', size: 2, padding: 2 }),
    "pool2d 'pool2d1': height padding 2 is more than half the window 2; some windows would hold only " +
      'padding — use padding ≤ 1',
    {
      code: 'padding-more-than-half-window',
      params: { label: "pool2d 'pool2d1'", axis: 'height', padding: 2, window: 2, maxPadding: 1 },
    },
  ),
  specCase(
    'Lp pooling with padding',
    withLayers(image, { type: 'pool2d', mode: 'lp', size: 3, padding: [1, 0] }),
    "pool2d 'pool2d1': Lp pooling takes no padding, got [1, 0]; set padding 0",
    { code: 'lp-pool-padding', params: { label: "pool2d 'pool2d1'", padding: [1, 0] } },
  ),
  specCase(
    'reshape 784 values into 27 × 28',
    withLayers(vector(784), { type: 'reshape', shape: [1, 27, 28] }),
    "reshape 'reshape1': target (1, 27, 28) holds 1·27·28 = 756 values but the input (784) holds 784; " +
      'choose a shape whose product is 784',
    {
      code: 'reshape-size-mismatch',
      params: { label: "reshape 'reshape1'", target: [1, 27, 28], targetSize: 756, shape: [784], size: 784 },
    },
  ),
  specCase(
    'tied to a name not above, with dense layers above',
    withLayers(
      vector(784),
      { type: 'dense', name: 'enc', units: 100 },
      { type: 'dense', units: 50 },
      { type: 'tied-dense', tiedTo: 'encoder' },
    ),
    "tied-dense 'tied-dense1': tiedTo 'encoder' names no earlier layer; tie it to an earlier dense layer " +
      "('enc', 'dense2')",
    {
      code: 'tied-to-unknown',
      params: { label: "tied-dense 'tied-dense1'", tiedTo: 'encoder', denseLayers: ['enc', 'dense2'] },
    },
  ),
  specCase(
    'tied to a name not above, with no dense layer above',
    withLayers(
      vector(784),
      { type: 'tied-dense', tiedTo: 'enc' },
      { type: 'dense', name: 'enc', units: 100 },
    ),
    "tied-dense 'tied-dense1': tiedTo 'enc' names no earlier layer; tie it to an earlier dense layer " +
      '(there is none yet)',
    {
      code: 'tied-to-unknown',
      params: { label: "tied-dense 'tied-dense1'", tiedTo: 'enc', denseLayers: [] },
    },
  ),
  specCase(
    'tied to an activation layer',
    withLayers(
      vector(784),
      { type: 'dense', units: 100 },
      { type: 'activation', name: 'act', activation: 'sigmoid' },
      { type: 'tied-dense', tiedTo: 'act' },
    ),
    "tied-dense 'tied-dense1': tiedTo 'act' is a activation layer; a tied decoder uses the transposed W of a " +
      'dense layer',
    {
      code: 'tied-to-not-dense',
      params: { label: "tied-dense 'tied-dense1'", tiedTo: 'act', encoderType: 'activation' },
    },
  ),
  specCase(
    'tied to the first of two encoders',
    withLayers(
      vector(8),
      { type: 'dense', name: 'enc', units: 4 },
      { type: 'dense', units: 3 },
      { type: 'tied-dense', tiedTo: 'enc' },
    ),
    "tied-dense 'tied-dense1': is tied to dense 'enc' (W 8 × 4) so it expects a per-sample input (4), got " +
      '(3); tie it to the encoder whose output it decodes',
    {
      code: 'tied-input-mismatch',
      params: { label: "tied-dense 'tied-dense1'", encoder: 'enc', inputs: 8, units: 4, shape: [3] },
    },
  ),
  specCase(
    'a softmax layer on an image',
    withLayers(image, { type: 'activation', activation: 'softmax' }),
    "activation 'activation1': softmax normalises over a flat (features) sample, got (1, 28, 28); insert a " +
      'flatten layer before it',
    { code: 'softmax-needs-flat', params: { label: "activation 'activation1'", shape: [1, 28, 28] } },
  ),
  specCase(
    'a convolution with softmax',
    withLayers(image, { type: 'conv2d', filters: 6, kernel: 5, activation: 'softmax' }),
    "conv2d 'conv2d1': activation softmax normalises over a flat (features) output, got (6, 24, 24); use " +
      'another activation here, or end with flatten and a dense layer with softmax',
    { code: 'softmax-activation-needs-flat', params: { label: "conv2d 'conv2d1'", shape: [6, 24, 24] } },
  ),
]

const parseCases: IssueCase[] = [
  specCase(
    'a range with He initialisation',
    { ...leNet5Spec, init: { scheme: 'he', range: 0.1 } },
    "model spec: init.range applies only to the 'uniform' scheme, got scheme 'he'; remove range",
    { code: 'init-range-not-uniform', params: { scheme: 'he' } },
  ),
  specCase(
    'two layers named fc',
    withLayers(vector(4), { type: 'dense', name: 'fc', units: 3 }, { type: 'dense', name: 'fc', units: 2 }),
    "dense 'fc': the name is already used by layers[0]; layer names must be unique",
    { code: 'duplicate-name', params: { label: "dense 'fc'", earlier: 0 } },
  ),
  specCase(
    'a default name given to another layer',
    withLayers(vector(4), { type: 'dense', name: 'dense2', units: 3 }, { type: 'dense', units: 2 }),
    "model spec layers[1] (dense): its default name 'dense2' is taken by layers[0]; give this layer a name",
    { code: 'default-name-taken', params: { index: 1, type: 'dense', name: 'dense2', taken: 0 } },
  ),
  specCase(
    'p on max pooling',
    withLayers(image, { type: 'pool2d', mode: 'max', size: 2, p: 3 }),
    "pool2d 'pool2d1': p applies only to Lp pooling (mode 'lp'), got mode 'max'; remove p or set mode 'lp'",
    { code: 'p-without-lp', params: { label: "pool2d 'pool2d1'", mode: 'max' } },
  ),
  specCase(
    'masking 150 %',
    withLayers(vector(4), { type: 'noise', kind: 'masking', level: 1.5 }),
    "noise 'noise1': level is the fraction of values zeroed and must be in [0, 1], got 1.5; e.g. 0.25",
    { code: 'noise-level-not-fraction', params: { label: "noise 'noise1'", kind: 'masking', level: 1.5 } },
  ),
  specCase(
    'salt and pepper 200 %',
    withLayers(vector(4), { type: 'noise', kind: 'salt-and-pepper', level: 2 }),
    "noise 'noise1': level is the fraction of values set to 0 or 1 and must be in [0, 1], got 2; e.g. 0.25",
    {
      code: 'noise-level-not-fraction',
      params: { label: "noise 'noise1'", kind: 'salt-and-pepper', level: 2 },
    },
  ),
]

export const issueCases: readonly IssueCase[] = [...shapeCases, ...parseCases, ...schemaCases]
