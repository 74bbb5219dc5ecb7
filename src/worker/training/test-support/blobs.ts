import { Rng } from '../../../engine'
import { EXPERIMENT_FORMAT, parseExperiment, type ParsedExperiment } from '../../../shared/experiment'
import type { TrainingDataset } from '../types'

/**
 * A tiny separable dataset for trainer tests: 8×8 grey "images", class 0 bright in the top-left
 * quadrant, class 1 bright in the bottom-right, each pixel plus uniform noise in [0, 0.3). Seeded.
 */
export function blobs(perClass: number, seed: number): { x: Float32Array; y: Int32Array } {
  const rng = new Rng(seed)
  const n = perClass * 2
  const x = new Float32Array(n * 64)
  const y = new Int32Array(n)
  for (let s = 0; s < n; s++) {
    const c = s % 2
    y[s] = c
    for (let r = 0; r < 8; r++) {
      for (let col = 0; col < 8; col++) {
        const bright = c === 0 ? r < 4 && col < 4 : r >= 4 && col >= 4
        x[s * 64 + r * 8 + col] = (bright ? 0.7 : 0) + 0.3 * rng.uniform()
      }
    }
  }
  return { x, y }
}

export function blobsDataset(trainPerClass = 16, testPerClass = 8): TrainingDataset {
  const train = blobs(trainPerClass, 1)
  const test = blobs(testPerClass, 2)
  return {
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    sampleShape: [1, 8, 8],
    classes: ['top-left', 'bottom-right'],
  }
}

export const classifierSpec = {
  format: 'dllab.model/1',
  name: 'blob classifier',
  input: { features: 64 },
  init: { scheme: 'glorot' },
  layers: [
    { type: 'dense', name: 'hidden', units: 8, activation: 'relu' },
    { type: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
}

export const autoencoderSpec = {
  format: 'dllab.model/1',
  name: 'blob autoencoder',
  input: { features: 64 },
  init: { scheme: 'glorot' },
  layers: [
    { type: 'dense', name: 'code', units: 4, activation: 'sigmoid' },
    { type: 'dense', name: 'decoder', units: 64, activation: 'sigmoid' },
  ],
}

/** An experiment on the blobs with `overrides` merged into training and task. */
export function blobExperiment(
  model: unknown,
  task: Record<string, unknown>,
  training: Record<string, unknown>,
): ParsedExperiment {
  return parseExperiment({
    format: EXPERIMENT_FORMAT,
    name: 'blobs',
    data: { source: { kind: 'folder', train: 'blobs/train', test: 'blobs/test' } },
    model,
    task,
    training,
  })
}
