import { loadDataset } from '../main/services/datasets/load-dataset'
import type { ParsedExperiment } from '../shared/experiment'
import type { TrainingDataset } from './training'

/**
 * The experiment's data section → the trainer's dataset: the dataset service decodes (on the decode
 * threads, or from the workspace's cache) and this only renames the arrays. Relative source paths are
 * resolved against the worker's working folder; the supervisor only starts runs whose paths are
 * absolute.
 */
export interface LoadedTrainingData {
  dataset: TrainingDataset
  /** Files skipped because they could not be read (never fatal). */
  skipped: number
  fromCache: boolean
}

export interface TrainingDataOptions {
  cacheDir?: string
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

export async function loadTrainingData(
  experiment: ParsedExperiment,
  options: TrainingDataOptions = {},
): Promise<LoadedTrainingData> {
  const { data } = experiment
  const loaded = await loadDataset(data.source, data.preprocess, {
    perClassLimit: data.perClassLimit,
    testPerClassLimit: data.testPerClassLimit,
    holdout: data.holdout,
    cacheDir: options.cacheDir,
    onProgress: options.onProgress,
    signal: options.signal,
  })
  const { train, test } = loaded
  return {
    dataset: {
      trainX: train.x,
      trainY: train.y,
      ...(test ? { testX: test.x, testY: test.y } : {}),
      sampleShape: [...loaded.sampleShape],
      classes: loaded.classes,
    },
    skipped: loaded.problems.length,
    fromCache: loaded.fromCache,
  }
}
