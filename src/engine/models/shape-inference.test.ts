import { describe, expect, it } from 'vitest'
import { SpecError } from '../errors'
import { checkModelSpec, inferShapes } from './shape-inference'
import type { LayerSpec, ModelSpec } from './spec-schema'
import { dlPySpec, leNet5Spec, tiedAutoencoderSpec, vgg16Spec, vggSpec } from './test-support/lecture-specs'

const rows = (spec: unknown): [string, number[], number][] =>
  inferShapes(spec).layers.map((l) => [l.name, [...l.outputShape], l.parameters])

describe('inferShapes: the lecture’s networks', () => {
  it('LeNet-5 on 28×28 with padding 2: shapes and 61,706 parameters', () => {
    // conv1 6·(1·5·5) + 6 = 156; conv2 16·(6·5·5) + 16 = 2,416; fc 400·120 + 120 = 48,120;
    // 120·84 + 84 = 10,164; 84·10 + 10 = 850. Σ = 61,706.
    expect(rows(leNet5Spec)).toEqual([
      ['conv2d1', [6, 28, 28], 156],
      ['pool2d1', [6, 14, 14], 0],
      ['conv2d2', [16, 10, 10], 2416],
      ['pool2d2', [16, 5, 5], 0],
      ['flatten1', [400], 0],
      ['dense1', [120], 48120],
      ['dense2', [84], 10164],
      ['dense3', [10], 850],
    ])
    const summary = inferShapes(leNet5Spec)
    expect(summary.totalParameters).toBe(61706)
    expect(summary.inputShape).toEqual([1, 28, 28])
    expect(summary.outputShape).toEqual([10])
    expect(summary.layers[0]!.params).toEqual([
      { name: 'conv2d1.W', shape: [6, 25] },
      { name: 'conv2d1.b', shape: [6] },
    ])
    expect(summary.layers.map((l) => l.activation)).toEqual([
      'relu',
      undefined,
      'relu',
      undefined,
      undefined,
      'relu',
      'relu',
      'softmax',
    ])
  })

  // seed-vectors.json vggShapes (the lecture's VGG slide): input (3, 224, 224); 3×3 convolutions, stride 1,
  // padding 1; 2×2 max pooling, stride 2. Stage convs, filters, conv output and pooled output:
  const lectureStages = [
    { convs: 2, filters: 64, out: [64, 224, 224], pooled: [64, 112, 112] },
    { convs: 2, filters: 128, out: [128, 112, 112], pooled: [128, 56, 56] },
    { convs: 4, filters: 256, out: [256, 56, 56], pooled: [256, 28, 28] },
    { convs: 4, filters: 512, out: [512, 28, 28], pooled: [512, 14, 14] },
  ]

  it('the lecture’s VGG stages match seed-vectors vggShapes', () => {
    const spec = vggSpec(
      lectureStages.map((s) => s.convs),
      lectureStages.map((s) => s.filters),
      [],
    )
    const byName = new Map(inferShapes(spec).layers.map((l) => [l.name, l.outputShape]))
    lectureStages.forEach((stage, i) => {
      for (let c = 1; c <= stage.convs; c++) expect(byName.get(`conv${i + 1}_${c}`)).toEqual(stage.out)
      expect(byName.get(`pool${i + 1}`)).toEqual(stage.pooled)
    })
  })

  it('VGG-16 at 224×224: every stage shape and 138,357,544 parameters', () => {
    const summary = inferShapes(vgg16Spec)
    const byName = new Map(summary.layers.map((l) => [l.name, l]))
    const stages = [
      ...lectureStages.map((s) => [s.out, s.pooled]),
      [
        [512, 14, 14],
        [512, 7, 7],
      ],
    ]
    const convs = [2, 2, 3, 3, 3]
    stages.forEach(([out, pooled], i) => {
      for (let c = 1; c <= convs[i]!; c++) expect(byName.get(`conv${i + 1}_${c}`)!.outputShape).toEqual(out)
      expect(byName.get(`pool${i + 1}`)!.outputShape).toEqual(pooled)
    })
    // Convolutions: 1,792 + 36,928 + 73,856 + 147,584 + 295,168 + 2·590,080 + 1,180,160 + 5·2,359,808
    const convParams = summary.layers.filter((l) => l.type === 'conv2d').reduce((s, l) => s + l.parameters, 0)
    expect(convParams).toBe(14714688)
    expect(byName.get('conv1_1')!.parameters).toBe(1792)
    expect(byName.get('conv5_3')!.parameters).toBe(2359808)
    expect(byName.get('flatten1')!.outputShape).toEqual([25088])
    // Classifier: 25,088·4,096 + 4,096 = 102,764,544; 4,096·4,096 + 4,096 = 16,781,312; 4,096·1,000 + 1,000.
    expect(['fc1', 'fc2', 'fc3'].map((n) => byName.get(n)!.parameters)).toEqual([
      102764544, 16781312, 4097000,
    ])
    expect(summary.totalParameters).toBe(138357544)
  })

  it('DL.py 196-256-128-64-32-32-32-10: 96,106 parameters', () => {
    // 196·256+256 = 50,432; 256·128+128 = 32,896; 128·64+64 = 8,256; 64·32+32 = 2,080; 2 × 1,056; 330
    expect(rows(dlPySpec)).toEqual([
      ['dense1', [256], 50432],
      ['dense2', [128], 32896],
      ['dense3', [64], 8256],
      ['dense4', [32], 2080],
      ['dense5', [32], 1056],
      ['dense6', [32], 1056],
      ['dense7', [10], 330],
    ])
    expect(inferShapes(dlPySpec).totalParameters).toBe(96106)
  })

  it('tied autoencoder 784-100-784: W counted once, at the encoder', () => {
    const summary = inferShapes(tiedAutoencoderSpec)
    expect(rows(tiedAutoencoderSpec)).toEqual([
      ['encoder', [100], 78500],
      ['decoder', [784], 784],
    ])
    expect(summary.layers[1]!.params).toEqual([{ name: 'decoder.b', shape: [784] }])
    expect(summary.totalParameters).toBe(79284)
  })

  it('reshape, Lp and average pooling, per-axis windows, dropout and noise', () => {
    expect(
      rows({
        format: 'dllab.model/1',
        input: { features: 784 },
        layers: [
          { type: 'noise', kind: 'gaussian', level: 0.1 },
          { type: 'reshape', shape: [1, 28, 28] },
          { type: 'conv2d', filters: 4, kernel: [3, 4], stride: [1, 2], padding: 1, useBias: false },
          { type: 'pool2d', mode: 'lp', size: [4, 2], p: 3 },
          { type: 'pool2d', mode: 'avg', size: 3, stride: 1, padding: 1 },
          { type: 'dropout', rate: 0.5 },
          { type: 'activation', activation: 'tanh' },
        ],
      }),
    ).toEqual([
      ['noise1', [784], 0],
      ['reshape1', [1, 28, 28], 0],
      ['conv2d1', [4, 28, 14], 48], // (28 − 3 + 2·1)/1 + 1 = 28, (28 − 4 + 2·1)/2 + 1 = 14; 4·(1·3·4) weights
      ['pool2d1', [4, 7, 7], 0], // Lp 4×2, stride 4×2: (28 − 4)/4 + 1 = 7, (14 − 2)/2 + 1 = 7
      ['pool2d2', [4, 7, 7], 0],
      ['dropout1', [4, 7, 7], 0],
      ['activation1', [4, 7, 7], 0],
    ])
  })
})

function inferError(spec: unknown): SpecError {
  try {
    inferShapes(spec)
  } catch (error) {
    if (error instanceof SpecError) return error
    throw error
  }
  throw new Error('expected a SpecError')
}

const image = (channels: number, height: number, width: number, layers: LayerSpec[]): ModelSpec => ({
  format: 'dllab.model/1',
  input: { channels, height, width },
  layers,
})
const vector = (features: number, layers: LayerSpec[]): ModelSpec => ({
  format: 'dllab.model/1',
  input: { features },
  layers,
})

describe('inferShapes: the first invalid layer, with the formula and the numbers', () => {
  it.each([
    [
      'a non-integer output size (STYLE.md’s example)',
      image(6, 15, 14, [{ type: 'conv2d', name: 'c2', filters: 16, kernel: 5, stride: 2 }]),
      0,
      "conv2d 'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding",
    ],
    [
      'a kernel larger than the padded input',
      image(1, 4, 4, [
        { type: 'flatten' },
        { type: 'reshape', shape: [1, 4, 4] },
        { type: 'conv2d', filters: 2, kernel: 7, padding: 1 },
      ]),
      2,
      "conv2d 'conv2d1': output height (4 − 7 + 2·1)/1 + 1 = 0: the height 7 window is larger than the padded " +
        'input 4 + 2·1 = 6; use a smaller window or more padding',
    ],
    [
      'a pooling window that does not tile the input',
      image(6, 28, 28, [{ type: 'pool2d', name: 'p1', mode: 'max', size: 3 }]),
      0,
      "pool2d 'p1': output height (28 − 3 + 2·0)/3 + 1 = 9.3333 is not an integer; change stride or padding",
    ],
    [
      'dense on an image without flatten',
      {
        ...leNet5Spec,
        layers: [...leNet5Spec.layers.slice(0, 4), { type: 'dense', name: 'fc1', units: 120 }],
      },
      4,
      "dense 'fc1' needs a flat input but gets (16, 5, 5); add a flatten layer before it",
    ],
    [
      'conv2d on flat input',
      vector(784, [{ type: 'conv2d', filters: 6, kernel: 5 }]),
      0,
      "conv2d 'conv2d1' needs an image input (C, Y, X) but gets (784); add a reshape layer (e.g. shape " +
        '[1, 28, 28] for 784 pixels) before it',
    ],
    [
      'a reshape of the wrong size',
      vector(784, [{ type: 'reshape', name: 'r', shape: [1, 28, 27] }]),
      0,
      "reshape 'r': target (1, 28, 27) holds 1·28·27 = 756 values but the input (784) holds 784; choose a shape " +
        'whose product is 784',
    ],
    [
      'softmax on a feature map',
      image(1, 8, 8, [{ type: 'conv2d', name: 'c', filters: 2, kernel: 3, activation: 'softmax' }]),
      0,
      "conv2d 'c': activation softmax normalises over a flat (features) output, got (2, 6, 6); use another " +
        'activation here, or end with flatten and a dense layer with softmax',
    ],
    [
      'pool padding of more than half the window',
      image(1, 8, 8, [{ type: 'pool2d', name: 'p', mode: 'avg', size: 2, padding: [0, 2] }]),
      0,
      "pool2d 'p': width padding 2 is more than half the window 2; some windows would hold only padding — " +
        'use padding ≤ 1',
    ],
    [
      'Lp pooling with padding',
      image(1, 8, 8, [{ type: 'pool2d', name: 'p', mode: 'lp', size: 2, padding: 1 }]),
      0,
      "pool2d 'p': Lp pooling takes no padding, got [1, 1]; set padding 0",
    ],
    [
      'tied-dense pointing nowhere',
      vector(784, [
        { type: 'dense', name: 'enc', units: 100 },
        { type: 'tied-dense', name: 'dec', tiedTo: 'encoder' },
      ]),
      1,
      "tied-dense 'dec': tiedTo 'encoder' names no earlier layer; tie it to an earlier dense layer ('enc')",
    ],
    [
      'tied-dense pointing at a later layer',
      vector(100, [
        { type: 'tied-dense', name: 'dec', tiedTo: 'enc' },
        { type: 'dense', name: 'enc', units: 100 },
      ]),
      0,
      "tied-dense 'dec': tiedTo 'enc' names no earlier layer; tie it to an earlier dense layer (there is none yet)",
    ],
    [
      'tied-dense pointing at a non-dense layer',
      vector(784, [
        { type: 'dense', units: 100 },
        { type: 'dropout', name: 'drop', rate: 0.2 },
        { type: 'tied-dense', name: 'dec', tiedTo: 'drop' },
      ]),
      2,
      "tied-dense 'dec': tiedTo 'drop' is a dropout layer; a tied decoder uses the transposed W of a dense layer",
    ],
    [
      'tied-dense whose input is not its encoder’s output size',
      vector(784, [
        { type: 'dense', name: 'enc', units: 100 },
        { type: 'dense', name: 'mid', units: 50 },
        { type: 'tied-dense', name: 'dec', tiedTo: 'enc' },
      ]),
      2,
      "tied-dense 'dec': is tied to dense 'enc' (W 784 × 100) so it expects a per-sample input (100), got (50); " +
        'tie it to the encoder whose output it decodes',
    ],
  ])('%s', (_what, spec, layerIndex, message) => {
    const error = inferError(spec)
    expect(error.message).toBe(message)
    expect(error.layerIndex).toBe(layerIndex)
  })

  it('reports the first of two invalid layers', () => {
    const error = inferError(
      image(1, 10, 10, [
        { type: 'conv2d', name: 'a', filters: 1, kernel: 4, stride: 4 },
        { type: 'dense', name: 'b', units: 3 },
      ]),
    )
    expect(error.layerIndex).toBe(0)
    expect(error.message).toBe(
      "conv2d 'a': output height (10 − 4 + 2·0)/4 + 1 = 2.5 is not an integer; change stride or padding",
    )
  })
})

describe('checkModelSpec: the editor’s non-throwing form', () => {
  it('returns the summary of a valid spec', () => {
    const check = checkModelSpec(leNet5Spec)
    expect(check.ok).toBe(true)
    if (!check.ok) return
    expect(check.summary.totalParameters).toBe(61706)
    expect(check.layers).toHaveLength(8)
    expect(check.spec.layers[7]!.name).toBe('dense3')
  })

  it('keeps the shapes before a shape problem', () => {
    const check = checkModelSpec({
      ...leNet5Spec,
      layers: [...leNet5Spec.layers.slice(0, 4), { type: 'dense', name: 'fc1', units: 120 }],
    })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.layers.map((l) => l.outputShape)).toEqual([
      [6, 28, 28],
      [6, 14, 14],
      [16, 10, 10],
      [16, 5, 5],
    ])
    expect(check.error.layerIndex).toBe(4)
    expect(check.error.issues).toEqual([
      {
        path: 'layers[4]',
        layerIndex: 4,
        message: check.error.message,
        code: 'flat-input-needed',
        params: { label: "dense 'fc1'", shape: [16, 5, 5] },
      },
    ])
  })

  it('keeps the shapes before the first malformed layer, and lists every schema problem', () => {
    const layers: unknown[] = [...leNet5Spec.layers]
    layers[5] = { type: 'dense', units: -1 }
    layers[6] = { type: 'dense', units: 84, activation: 'swish' }
    const check = checkModelSpec({ ...leNet5Spec, layers })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.layers.map((l) => l.name)).toEqual(['conv2d1', 'pool2d1', 'conv2d2', 'pool2d2', 'flatten1'])
    expect(check.error.layerIndex).toBe(5)
    expect(check.error.issues.map((i) => i.path)).toEqual(['layers[5].units', 'layers[6].activation'])
    expect(check.error.message).toBe('model spec layers[5] (dense): units must be a positive integer, got -1')
  })

  it('returns no shapes when the input itself is wrong', () => {
    const check = checkModelSpec({ ...leNet5Spec, input: { features: 0 } })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.layers).toEqual([])
    expect(check.error.layerIndex).toBeUndefined()
  })
})
