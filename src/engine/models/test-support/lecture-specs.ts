import type { LayerSpec, ModelSpec } from '../spec-schema'

/**
 * Model specs of the lecture's networks, for tests and the benchmark (the presets shipped to users
 * are JSON files under resources/, a separate issue).
 */

/** DL.py: 196 features (14×14 MNIST), six ReLU hidden layers 256-128-64-32-32-32, 10 sigmoid outputs. */
export const dlPySpec: ModelSpec = {
  format: 'dllab.model/1',
  name: 'DL.py',
  input: { features: 196 },
  init: { scheme: 'uniform', range: 0.5 },
  layers: [
    { type: 'dense', units: 256, activation: 'relu' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 64, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'sigmoid' },
  ],
}

/** The same hidden stack on full 28×28 MNIST rows, ending in logits for softmax cross-entropy. */
export const mlp784Spec: ModelSpec = {
  format: 'dllab.model/1',
  name: 'MLP 784-256-128-64-32-32-32-10',
  input: { features: 784 },
  init: { scheme: 'he' },
  layers: [
    { type: 'dense', units: 256, activation: 'relu' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 64, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 10 },
  ],
}

/** LeNet-5 on 28×28 MNIST exactly as DESIGN.md writes it (padding 2 keeps 28×28 after conv1). */
export const leNet5Spec: ModelSpec = {
  format: 'dllab.model/1',
  name: 'LeNet-5',
  input: { channels: 1, height: 28, width: 28 },
  init: { scheme: 'he' },
  layers: [
    { type: 'conv2d', filters: 6, kernel: 5, stride: 1, padding: 2, activation: 'relu' },
    { type: 'pool2d', mode: 'max', size: 2, stride: 2 },
    { type: 'conv2d', filters: 16, kernel: 5, activation: 'relu' },
    { type: 'pool2d', mode: 'max', size: 2, stride: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 120, activation: 'relu' },
    { type: 'dense', units: 84, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
}

/** LeNet-5 ending in logits (no softmax layer) for the softmax cross-entropy loss. */
export const leNet5LogitsSpec: ModelSpec = {
  ...leNet5Spec,
  name: 'LeNet-5 (logits)',
  layers: [...leNet5Spec.layers.slice(0, -1), { type: 'dense', units: 10 }],
}

/**
 * VGG-style network on 3×224×224: stages of 3×3 convolutions (stride 1, padding 1, ReLU) each followed
 * by 2×2 max pooling with stride 2, then the classifier. VGG-16 is stages [2, 2, 3, 3, 3] of
 * 64, 128, 256, 512, 512 filters with dense 4096-4096-1000.
 */
export function vggSpec(
  convs: readonly number[],
  filters: readonly number[],
  dense: readonly number[],
): ModelSpec {
  const layers: LayerSpec[] = []
  convs.forEach((count, stage) => {
    for (let i = 1; i <= count; i++) {
      layers.push({
        type: 'conv2d',
        name: `conv${stage + 1}_${i}`,
        filters: filters[stage]!,
        kernel: 3,
        stride: 1,
        padding: 1,
        activation: 'relu',
      })
    }
    layers.push({ type: 'pool2d', name: `pool${stage + 1}`, mode: 'max', size: 2, stride: 2 })
  })
  if (dense.length > 0) {
    layers.push({ type: 'flatten' })
    dense.forEach((units, i) => {
      const last = i === dense.length - 1
      layers.push({
        type: 'dense',
        name: `fc${i + 1}`,
        units,
        ...(last ? {} : { activation: 'relu' as const }),
      })
    })
  }
  return {
    format: 'dllab.model/1',
    name: `VGG ${convs.join('-')}`,
    input: { channels: 3, height: 224, width: 224 },
    init: { scheme: 'he' },
    layers,
  }
}

export const vgg16Spec: ModelSpec = {
  ...vggSpec([2, 2, 3, 3, 3], [64, 128, 256, 512, 512], [4096, 4096, 1000]),
  name: 'VGG-16',
}

/** AE.py-style autoencoder 784-100-784 with the decoder tied to the encoder (W̃ = Wᵗ). */
export const tiedAutoencoderSpec: ModelSpec = {
  format: 'dllab.model/1',
  name: 'Autoencoder 784-100-784 (tied)',
  input: { features: 784 },
  init: { scheme: 'uniform', range: 0.05 },
  layers: [
    { type: 'dense', name: 'encoder', units: 100, activation: 'sigmoid' },
    { type: 'tied-dense', name: 'decoder', tiedTo: 'encoder', activation: 'sigmoid' },
  ],
}
