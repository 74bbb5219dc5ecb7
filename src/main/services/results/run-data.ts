import { isAbsolute, resolve } from 'node:path'
import type { ParsedExperiment } from '../../../shared/experiment'
import type { TrainingDataset } from '../../../worker/training'
import { loadTrainingData } from '../../../worker/training-data'
import { datasetCacheDir } from '../datasets'
import type { ResultsContext } from './run-context'

/**
 * The images a run is evaluated or drawn on, preprocessed as the run's experiment says: its own test
 * set (its training set when it has none), or the class folders of `dataDir` (e.g. the lecture's
 * mnist/test) with at most `perClass` images per class (default: the experiment's test limit, the
 * lecture's train_num). Decoded datasets are cached in the workspace, as training caches them.
 */
export interface EvalSet {
  /** (N × sampleSize) row-major. */
  x: Float32Array
  labels: Int32Array
  sampleShape: number[]
  classes: string[]
  /** "the test set", "/data/mnist/test". */
  label: string
  /** Which split of the run's data this is ('folder': the class folders of dataDir). */
  split: 'test' | 'train' | 'folder'
  /** Files that could not be read and were skipped. */
  skipped: number
}

export interface RunDataOptions {
  dataDir?: string
  perClass?: number
}

/** The experiment's data section with relative paths made absolute against `baseDir`. */
export function absoluteData(experiment: ParsedExperiment, baseDir: string): ParsedExperiment {
  const s = experiment.data.source
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p))
  const source =
    s.kind === 'folder'
      ? { ...s, train: abs(s.train), ...(s.test ? { test: abs(s.test) } : {}) }
      : s.kind === 'idx'
        ? {
            ...s,
            trainImages: abs(s.trainImages),
            trainLabels: abs(s.trainLabels),
            ...(s.testImages ? { testImages: abs(s.testImages) } : {}),
            ...(s.testLabels ? { testLabels: abs(s.testLabels) } : {}),
          }
        : s.kind === 'cifar-binary'
          ? {
              ...s,
              trainBatches: s.trainBatches.map(abs),
              ...(s.testBatch ? { testBatch: abs(s.testBatch) } : {}),
            }
          : s
  return { ...experiment, data: { ...experiment.data, source } }
}

export async function loadRunData(
  ctx: ResultsContext,
  experiment: ParsedExperiment,
  options: RunDataOptions = {},
): Promise<{ set: EvalSet; dataset: TrainingDataset }> {
  const data = experiment.data
  const folder = options.dataDir
  const absolute = ctx.baseDir === undefined ? experiment : absoluteData(experiment, ctx.baseDir)
  const limit = options.perClass ?? data.testPerClassLimit
  const planned: ParsedExperiment = folder
    ? {
        ...experiment,
        data: {
          source: { kind: 'folder', train: folder },
          preprocess: data.preprocess,
          ...(limit ? { perClassLimit: limit } : {}),
        },
      }
    : options.perClass
      ? { ...absolute, data: { ...absolute.data, testPerClassLimit: options.perClass } }
      : absolute
  const progress = ctx.progress
  const loaded = await loadTrainingData(planned, {
    cacheDir: datasetCacheDir(ctx.workspace),
    ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
  })
  progress?.done()
  const d = loaded.dataset
  const test = !folder && d.testX && d.testY
  const set: EvalSet = {
    x: test ? d.testX! : d.trainX,
    labels: test ? d.testY! : d.trainY,
    sampleShape: [...d.sampleShape],
    classes: [...d.classes],
    label: folder ?? (test ? 'the test set' : 'the training set (the experiment has no test set)'),
    split: folder ? 'folder' : test ? 'test' : 'train',
    skipped: loaded.skipped,
  }
  return { set, dataset: d }
}
