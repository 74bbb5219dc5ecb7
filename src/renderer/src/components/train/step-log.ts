import type { ExperimentDraft } from './experiment-draft'
import { objectAt, type Json } from './json-read'

/**
 * How often the Train view's runs write a 'step' line to metrics.jsonl (training.logEverySteps), so a
 * reload (runs.detail) draws the same per-step curves the progress events drew live.
 *
 * A chart draws at most ~600 points of a line (DecimatedSeries), so ~500 lines per stage are enough,
 * and they keep metrics.jsonl small (~100 bytes a line) however long the run: every
 *   N = ⌈ epochs · ⌈samples / batch⌉ / 500 ⌉ steps,
 * with an upper bound on the samples per epoch (so there are never more than 500 lines a stage).
 * Without a bound (the data's size is not known before it loads) no step lines are asked for.
 */
export const STEP_LINES_PER_STAGE = 500

/** Training images of built-in MNIST and its classes. */
const MNIST_TRAIN = 60_000
const MNIST_CLASSES = 10

/** An upper bound on built-in MNIST's training images with `perClassLimit`. */
export const mnistTrainImages = (perClassLimit: number | undefined) =>
  perClassLimit === undefined ? MNIST_TRAIN : Math.min(MNIST_TRAIN, MNIST_CLASSES * perClassLimit)

/** The training images per class, each at most `perClassLimit`, added up. */
export function limitedCount(classCounts: readonly number[], perClassLimit: number | undefined): number {
  return classCounts.reduce(
    (sum, n) => sum + (perClassLimit === undefined ? n : Math.min(n, perClassLimit)),
    0,
  )
}

/**
 * logEverySteps for the draft's run, given at most `trainImages` training images an epoch; undefined
 * when that is not known. `task` is the experiment's task spec (a stacked autoencoder's pre-training
 * has its own epochs and minibatch size).
 */
export function stepLogInterval(
  draft: ExperimentDraft,
  task: Json,
  trainImages: number | null,
): number | undefined {
  if (trainImages === null || trainImages <= 0) return undefined
  const draws =
    draft.sampling === 'random-with-replacement' && draft.drawsPerEpoch !== undefined
      ? draft.drawsPerEpoch
      : trainImages
  let samples = draws
  let epochs = draft.epochs
  let batch = draft.batchSize
  if (draft.task === 'pretrain-stack') {
    // Pre-training may sample the whole set each epoch, with its own epochs and minibatch size.
    samples = Math.max(draws, trainImages)
    epochs = Math.max(epochs, draft.pretrainEpochs)
    const pretrainBatch = objectAt(task, 'pretrain').batchSize
    if (typeof pretrainBatch === 'number' && pretrainBatch >= 1) batch = Math.min(batch, pretrainBatch)
  }
  if (!(epochs >= 1 && batch >= 1 && samples >= 1)) return undefined
  const steps = epochs * Math.ceil(samples / batch)
  return Math.max(1, Math.ceil(steps / STEP_LINES_PER_STAGE))
}
