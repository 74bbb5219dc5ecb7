import { datasetCacheDir } from '../../main/services/datasets'
import type { ParsedExperiment } from '../../shared/experiment'
import { loadTrainingData } from '../../worker/training-data'
import type { TrainingDataset } from '../../worker/training'
import type { CliContext } from '../context'
import { StatusLine } from '../format/status-line'
import { absoluteFrom } from '../targets'

/**
 * The images a run is evaluated or drawn on, preprocessed as the run's experiment says: its own test
 * set (its training set when it has none), or the class folders of `dataDir` (e.g. the lecture's
 * mnist/test) with at most `perClass` images per class (default: the experiment's test limit, the
 * lecture's train_num). Decoded datasets are cached in the workspace, as training caches them.
 */
export interface EvalSet {
  x: Float32Array
  labels: Int32Array
  sampleShape: number[]
  classes: string[]
  /** "the test set", "/data/mnist/test". */
  label: string
  /** Files that could not be read and were skipped. */
  skipped: number
}

export interface RunDataOptions {
  workspace: string
  dataDir?: string
  perClass?: number
}

/** The experiment's data section with relative paths made absolute against `baseDir`. */
export function absoluteData(experiment: ParsedExperiment, baseDir: string): ParsedExperiment {
  const s = experiment.data.source
  const abs = (p: string) => absoluteFrom(baseDir, p)
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
  ctx: CliContext,
  experiment: ParsedExperiment,
  options: RunDataOptions,
): Promise<{ set: EvalSet; dataset: TrainingDataset }> {
  const status = new StatusLine(ctx.io.stderr)
  const data = experiment.data
  const folder = options.dataDir
  const absolute = absoluteData(experiment, ctx.io.cwd)
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
  const loaded = await loadTrainingData(planned, {
    cacheDir: datasetCacheDir(options.workspace),
    onProgress: (done, total) => status.update(`loading images: ${done} / ${total}`),
  })
  status.done()
  const d = loaded.dataset
  const test = !folder && d.testX && d.testY
  const set: EvalSet = {
    x: test ? d.testX! : d.trainX,
    labels: test ? d.testY! : d.trainY,
    sampleShape: [...d.sampleShape],
    classes: [...d.classes],
    label: folder ?? (test ? 'the test set' : 'the training set (the experiment has no test set)'),
    skipped: loaded.skipped,
  }
  return { set, dataset: d }
}
