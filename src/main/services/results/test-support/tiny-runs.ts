import { EXPERIMENT_FORMAT } from '../../../../shared/experiment'
import { activateKernels } from '../../../../worker/kernels'
import { runTraining } from '../../../../worker/training'
import { loadTrainingData } from '../../../../worker/training-data'
import { autoencoderSpec } from '../../../../worker/training/test-support/blobs'
import { type BlobFiles } from '../../../supervisor/test-support/blob-data'
import { datasetCacheDir } from '../../datasets'
import { type RunFolder, RunStore } from '../../runs'

/**
 * Tiny real runs for the results tests: the supervisor's 8×8 blob IDX files (class 0 bright top-left,
 * class 1 bottom-right; 16 test images), trained in this process by the worker's own runTraining
 * into a real run folder (metrics.jsonl, checkpoints, weights.npz, evaluation.json), as a worker would.
 */
export const convClassifierModel = {
  format: 'dllab.model/1',
  name: 'tiny conv',
  input: { channels: 1, height: 8, width: 8 },
  init: { scheme: 'he' },
  layers: [
    { type: 'conv2d', name: 'conv1', filters: 3, kernel: 3, padding: 1, activation: 'relu' },
    { type: 'pool2d', name: 'pool1', mode: 'max', size: 2, stride: 2 },
    { type: 'conv2d', name: 'conv2', filters: 2, kernel: 2, stride: 2, activation: 'relu' },
    { type: 'flatten', name: 'flat' },
    { type: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
}

/** The dense 64-4-64 autoencoder of the worker's trainer tests. */
export const denseAutoencoderModel = autoencoderSpec

/** Dense only, as pretrain-stack needs: one hidden layer pre-trained as an autoencoder. */
export const denseClassifierModel = {
  format: 'dllab.model/1',
  name: 'tiny dense',
  input: { features: 64 },
  init: { scheme: 'glorot' },
  layers: [
    { type: 'dense', name: 'hidden', units: 6, activation: 'sigmoid' },
    { type: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
}

export function tinyExperiment(
  files: BlobFiles,
  model: unknown,
  task: Record<string, unknown>,
  epochs = 3,
  training: Record<string, unknown> = {},
): unknown {
  return {
    format: EXPERIMENT_FORMAT,
    name: 'tiny',
    data: { source: { kind: 'idx', ...files }, preprocess: { colour: 'grey', scale: 'unit' } },
    model,
    task,
    training: {
      epochs,
      batchSize: 4,
      evalBatchSize: 5,
      optimizer: { name: 'adam', lr: 0.02 },
      seed: 7,
      ...training,
    },
  }
}

/** Creates the run in `workspace` and trains it to the end (or only creates it with train = false). */
export async function tinyRun(workspace: string, experiment: unknown, train = true): Promise<RunFolder> {
  const run = await new RunStore(workspace).create(experiment)
  if (!train) return run
  const parsed = await run.readExperiment()
  const { dataset } = await loadTrainingData(parsed, { cacheDir: datasetCacheDir(workspace) })
  await activateKernels()
  const result = await runTraining({ experiment: parsed, dataset, run, previewCount: 0 })
  await run.writeState({ status: 'finished', epoch: result.epoch, step: result.step })
  return run
}
