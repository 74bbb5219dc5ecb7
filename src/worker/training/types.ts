import type { Shape } from '../../engine'
import type {
  CheckpointPosition,
  EvaluationFile,
  MetricsLine,
  ParsedExperiment,
} from '../../shared/experiment'
import type { TrainingControl } from './control'

/**
 * The trainer's contracts. The trainer is a plain loop with callbacks: it knows nothing of Electron,
 * processes or messages, so the same code runs in a utility process, a child process, the CLI and
 * tests. The worker entry (issue 5) turns the callbacks into protocol messages.
 */

/** A decoded dataset: samples row-major, one sample's values contiguous. */
export interface TrainingDataset {
  /** (N × sampleSize) */
  trainX: Float32Array
  /** N class indices (autoencoders keep them for figures; they are not trained on). */
  trainY: Int32Array
  testX?: Float32Array
  testY?: Int32Array
  /** One sample, (C, Y, X) or (features). */
  sampleShape: Shape
  classes: readonly string[]
}

/**
 * Where a run's files go: a run folder (src/main/services/runs/RunFolder satisfies this) or anything
 * else with these methods (tests, a remote store). Every write must be atomic.
 */
export interface RunOutput {
  appendMetrics(lines: readonly MetricsLine[]): Promise<void>
  /** Writes checkpoints/<name> for the position; returns the file name. */
  writeCheckpoint(position: CheckpointPosition, bytes: Uint8Array): Promise<string>
  writeWeights(bytes: Uint8Array): Promise<void>
  readWeights(): Promise<Uint8Array>
  writeEvaluation(evaluation: EvaluationFile): Promise<void>
  /** A sub-run (stages/<name>/): one channel's autoencoder, the from-scratch comparison. */
  child(name: string): RunOutput
}

/** At most ~10 per second, whatever the speed of training. */
export interface TrainingProgress {
  /** The phase: "train", "pretrain:hidden1", "finetune", "scratch", "channel:R". */
  stage: string
  /** The epoch in progress, from 1. */
  epoch: number
  epochs: number
  /** Batches done in this epoch, and per epoch. */
  batch: number
  batchesPerEpoch: number
  /** Optimizer steps of this stage so far, and in all. */
  step: number
  totalSteps: number
  /** Running per-sample means over this epoch so far (accuracy null for autoencoders). */
  loss: number
  accuracy: number | null
  samplesPerSecond: number
  /** Seconds left in this stage at the current speed; null until it is known. */
  etaSeconds: number | null
}

export interface CheckpointInfo {
  stage: string
  name: string
  epoch: number
  batch: number
  step: number
}

/** A few test samples and what the network makes of them, for live viewers. */
export type TrainingPreview =
  | {
      kind: 'predictions'
      stage: string
      epoch: number
      indices: number[]
      labels: number[]
      predicted: number[]
      /** Per sample, the class probabilities. */
      scores: number[][]
    }
  | {
      kind: 'reconstructions'
      stage: string
      epoch: number
      sampleShape: number[]
      indices: number[]
      inputs: Float32Array[]
      outputs: Float32Array[]
    }

export interface TrainingCallbacks {
  onProgress?(progress: TrainingProgress): void
  onEpoch?(metrics: MetricsLine): void
  onCheckpoint?(info: CheckpointInfo): void
  onPreview?(preview: TrainingPreview): void
  /** A new stage begins (multi-stage tasks). */
  onStage?(stage: { name: string; index: number; count: number }): void
}

export interface RunTrainingOptions extends TrainingCallbacks {
  experiment: ParsedExperiment
  /** The model when the experiment names a preset (resolve it with the preset catalogue). */
  model?: unknown
  dataset: TrainingDataset
  run: RunOutput
  /** A checkpoint's bytes: continue from there. */
  resumeFrom?: Uint8Array
  /** Cancel: checkpoint, then return with status 'cancelled'. */
  signal?: AbortSignal
  control?: TrainingControl
  /** Only this channel of a per-channel-autoencode task (the supervisor runs them in parallel). */
  channel?: 'R' | 'G' | 'B'
  /** Clock in milliseconds (tests); default performance.now. */
  now?: () => number
  /** Samples shown by onPreview (default 8; 0: no previews). */
  previewCount?: number
}

export interface TrainingResult {
  status: 'finished' | 'cancelled'
  /** Epochs completed in the last stage trained, and its optimizer steps. */
  epoch: number
  step: number
  /** The last checkpoint written (its file name in checkpoints/). */
  checkpoint?: string
  evaluation?: EvaluationFile
  lastMetrics?: MetricsLine
}

/** Training cannot start or go on (a model that does not fit the data, a diverged loss, …). */
export class TrainingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}
