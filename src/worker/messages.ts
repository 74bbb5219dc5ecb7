import type { EvaluationFile } from '../shared/experiment'
import {
  type EvaluationSummary,
  PREVIEW_MAX_SAMPLES,
  PREVIEW_MAX_VALUES,
  type PreviewInfo,
  type ProgressInfo,
} from '../shared/training/protocol'
import type { TrainingPreview, TrainingProgress } from './training'

/**
 * The trainer's callback values → protocol payloads: plain JSON (no typed arrays, no NaN), within the
 * protocol's size limits.
 */

/** Five significant digits: enough to draw a preview, a fifth of the text of a float32's digits. */
const short = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(5)) : 0)

export function progressInfo(p: TrainingProgress): ProgressInfo {
  return {
    stage: p.stage,
    epoch: p.epoch,
    epochs: p.epochs,
    batch: p.batch,
    batchesPerEpoch: p.batchesPerEpoch,
    step: p.step,
    totalSteps: p.totalSteps,
    loss: Number.isFinite(p.loss) ? p.loss : 0,
    accuracy: p.accuracy !== null && Number.isFinite(p.accuracy) ? p.accuracy : null,
    samplesPerSecond: Number.isFinite(p.samplesPerSecond) ? Math.max(0, p.samplesPerSecond) : 0,
    etaSeconds: p.etaSeconds !== null && Number.isFinite(p.etaSeconds) ? Math.max(0, p.etaSeconds) : null,
  }
}

/** A preview as plain arrays, or undefined when its samples are too large to send. */
export function previewInfo(p: TrainingPreview): PreviewInfo | undefined {
  const n = Math.min(p.indices.length, PREVIEW_MAX_SAMPLES)
  if (p.kind === 'predictions') {
    return {
      kind: 'predictions',
      stage: p.stage,
      epoch: p.epoch,
      indices: p.indices.slice(0, n),
      labels: p.labels.slice(0, n),
      predicted: p.predicted.slice(0, n),
      scores: p.scores.slice(0, n).map((row) => row.map(short)),
    }
  }
  if (p.inputs.some((x) => x.length > PREVIEW_MAX_VALUES)) return undefined
  return {
    kind: 'reconstructions',
    stage: p.stage,
    epoch: p.epoch,
    sampleShape: [...p.sampleShape],
    indices: p.indices.slice(0, n),
    inputs: p.inputs.slice(0, n).map((x) => Array.from(x, short)),
    outputs: p.outputs.slice(0, n).map((x) => Array.from(x, short)),
  }
}

type StageResults = NonNullable<EvaluationFile['stages']>[string]

function numbersOf(e: StageResults): { accuracy?: number; meanSse?: number; mse?: number } {
  return {
    ...(e.classification ? { accuracy: e.classification.accuracy } : {}),
    ...(e.reconstruction ? { meanSse: e.reconstruction.meanSse, mse: e.reconstruction.mse } : {}),
  }
}

/** The headline numbers of evaluation.json. */
export function evaluationSummary(e: EvaluationFile): EvaluationSummary {
  const c = e.classification
  const stages = e.stages
    ? Object.fromEntries(Object.entries(e.stages).map(([name, s]) => [name, numbersOf(s)]))
    : undefined
  return {
    task: e.task,
    split: e.split,
    ...(c ? { correct: c.correct, total: c.total } : {}),
    ...numbersOf(e),
    ...(stages ? { stages } : {}),
  }
}

/** The checkpoint's path relative to the run folder: channel stages write into stages/<c>/. */
export function checkpointPath(stage: string, name: string): string {
  const channel = /^channel:([RGB])$/.exec(stage)
  return channel ? `stages/${channel[1]}/checkpoints/${name}` : `checkpoints/${name}`
}
