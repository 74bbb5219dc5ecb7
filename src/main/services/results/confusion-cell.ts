import type { ConfusionCell, ScoredSample } from '../../../shared/ipc/lab-types'
import { ResultsError } from './errors'
import type { Classified, LoadedRun } from './loaded-runs'
import { sampleImageUrl } from './sample-image'

/**
 * The samples of one confusion-matrix cell: true class `label` (the row) predicted as `predicted`
 * (the column), most confident first (equal confidences: lower index first), each drawn as the
 * network saw it with all its class scores. `total` counts the whole cell, so the totals of all cells
 * are the matrix of evaluation.json (same scores, same argmax: loaded-runs.ts).
 */
export const DEFAULT_CELL_LIMIT = 50

export function checkSample(run: LoadedRun, runId: string, index: number): void {
  const count = run.set.labels.length
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ResultsError(
      `sample ${index} is outside ${run.set.label} of run ${runId} (${count} samples, 0 … ${count - 1})`,
    )
  }
}

export function scoredSample(run: LoadedRun, classified: Classified, index: number): ScoredSample {
  const { scores, predicted, confidence, classes } = classified
  return {
    index,
    image: sampleImageUrl(run.set, index, run.drawing),
    label: run.set.labels[index]!,
    predicted: predicted[index]!,
    confidence: confidence[index]!,
    scores: Array.from(scores.subarray(index * classes, (index + 1) * classes)),
  }
}

export function confusionCellOf(
  run: LoadedRun,
  classified: Classified,
  request: { runId: string; label: number; predicted: number; limit?: number },
): ConfusionCell {
  const { label, predicted } = request
  const { classes } = classified
  for (const [what, value] of [
    ['label', label],
    ['predicted', predicted],
  ] as const) {
    if (value >= classes) {
      throw new ResultsError(
        `${what} ${value} is not a class of run ${request.runId}: its classes are 0 … ${classes - 1} ` +
          `(${run.set.classes.join(', ')})`,
      )
    }
  }
  const labels = run.set.labels
  const members: number[] = []
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === label && classified.predicted[i] === predicted) members.push(i)
  }
  const confidence = classified.confidence
  members.sort((a, b) => {
    const ca = confidence[a]!
    const cb = confidence[b]!
    if (ca === cb || (Number.isNaN(ca) && Number.isNaN(cb))) return a - b
    if (Number.isNaN(ca)) return 1
    if (Number.isNaN(cb)) return -1
    return cb - ca
  })
  const shown = members.slice(0, request.limit ?? DEFAULT_CELL_LIMIT)
  return {
    split: run.set.split === 'train' ? 'train' : 'test',
    label,
    predicted,
    total: members.length,
    samples: shown.map((index) => scoredSample(run, classified, index)),
  }
}
