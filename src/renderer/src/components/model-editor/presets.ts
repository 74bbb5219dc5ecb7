import type { LayerSpec, ModelSpec } from '../../../../engine/models/spec-schema'

/**
 * The editor's starting points: the lecture's networks as model specs. Small on purpose — the
 * experiment presets with their data and training settings live in resources/presets.
 *
 *   lenet5             LeNet-5 as DESIGN.md writes it (28×28, padding 2; layers keep default names)
 *   lecture-mlp        DL.py's 196-256-128-64-32-32-32-10 (14×14 inputs, ReLU hidden, sigmoid out)
 *   vgg-mini           VGG blocks for 32×32 colour images (3×3 convolutions, 2×2 max pooling)
 *   tied-autoencoder   784-100-784 with the decoder using the encoder's Wᵗ (W̃ = Wᵗ)
 */
export const presetIds = ['lenet5', 'lecture-mlp', 'vgg-mini', 'tied-autoencoder'] as const
export type PresetId = (typeof presetIds)[number]

const FORMAT = 'dllab.model/1'

const conv = (filters: number, name?: string): LayerSpec => ({
  type: 'conv2d',
  ...(name ? { name } : {}),
  filters,
  kernel: 3,
  stride: 1,
  padding: 1,
  activation: 'relu',
})
const maxPool = (name?: string): LayerSpec => ({
  type: 'pool2d',
  ...(name ? { name } : {}),
  mode: 'max',
  size: 2,
  stride: 2,
})
const dense = (units: number, activation: 'relu' | 'sigmoid' | 'softmax', name?: string): LayerSpec => ({
  type: 'dense',
  ...(name ? { name } : {}),
  units,
  activation,
})

const presets: Record<PresetId, () => ModelSpec> = {
  lenet5: () => ({
    format: FORMAT,
    name: 'LeNet-5',
    input: { channels: 1, height: 28, width: 28 },
    init: { scheme: 'he' },
    layers: [
      { type: 'conv2d', filters: 6, kernel: 5, stride: 1, padding: 2, activation: 'relu' },
      maxPool(),
      { type: 'conv2d', filters: 16, kernel: 5, activation: 'relu' },
      maxPool(),
      { type: 'flatten' },
      dense(120, 'relu'),
      dense(84, 'relu'),
      dense(10, 'softmax'),
    ],
  }),
  'lecture-mlp': () => ({
    format: FORMAT,
    name: 'DL.py MLP 196-256-128-64-32-32-32-10',
    input: { features: 196 },
    init: { scheme: 'uniform', range: 0.5 },
    layers: [
      ...[256, 128, 64, 32, 32, 32].map((units, i) => dense(units, 'relu', `hunit${i + 1}`)),
      dense(10, 'sigmoid', 'outunit'),
    ],
  }),
  'vgg-mini': () => ({
    format: FORMAT,
    name: 'VGG-mini 32×32',
    input: { channels: 3, height: 32, width: 32 },
    init: { scheme: 'he' },
    layers: [
      ...[32, 64, 128].flatMap((filters, s) => [
        conv(filters, `conv${s + 1}_1`),
        conv(filters, `conv${s + 1}_2`),
        maxPool(`pool${s + 1}`),
      ]),
      { type: 'flatten' },
      dense(256, 'relu', 'fc1'),
      { type: 'dropout', rate: 0.5 },
      dense(10, 'softmax', 'fc2'),
    ],
  }),
  'tied-autoencoder': () => ({
    format: FORMAT,
    name: 'Tied autoencoder 784-100-784',
    input: { features: 784 },
    init: { scheme: 'glorot' },
    layers: [
      dense(100, 'sigmoid', 'encoder'),
      { type: 'tied-dense', name: 'decoder', tiedTo: 'encoder', activation: 'sigmoid' },
    ],
  }),
}

/** A fresh copy of a preset's spec (the editor may change it freely). */
export function presetSpec(id: PresetId): ModelSpec {
  return presets[id]()
}
