import { z } from 'zod'
import type { ClassificationEvaluation, ReconstructionEvaluation } from '../evaluation'
import { taskKinds } from './schema'

/**
 * The files of a run folder `<workspace>/runs/<id>/` other than the experiment (docs/formats.md):
 *
 *   run.json        RunInfo: id, the human-readable name (renamable), created, task, experiment name
 *   state.json      RunState: queued | running | paused | finished | cancelled | failed (+ reason)
 *   metrics.jsonl   one MetricsLine per epoch (and per N steps with training.logEverySteps)
 *   evaluation.json EvaluationFile
 *
 * The schemas validate what is read back (a run folder may be edited or damaged by hand).
 */
export const RUN_INFO_FORMAT = 'dllab.run/1'
export const RUN_STATE_FORMAT = 'dllab.run-state/1'
export const EVALUATION_FORMAT = 'dllab.evaluation/1'

export const runStatuses = ['queued', 'running', 'paused', 'finished', 'cancelled', 'failed'] as const
export type RunStatus = (typeof runStatuses)[number]

export const runInfoSchema = z.object({
  format: z.literal(RUN_INFO_FORMAT),
  id: z.string().min(1),
  /** Human-readable, renamable; the folder name (the id) never changes. */
  name: z.string(),
  /** ISO 8601 time of creation. */
  created: z.string(),
  task: z.enum(taskKinds),
  /** The experiment's own name (experiment.json). */
  experimentName: z.string(),
})
export type RunInfo = z.infer<typeof runInfoSchema>

export const runStateSchema = z.object({
  format: z.literal(RUN_STATE_FORMAT),
  status: z.enum(runStatuses),
  /** Why a run failed or was cancelled (an error message, a signal). */
  reason: z.string().optional(),
  /** ISO 8601 time of this state. */
  updated: z.string(),
  /** Epochs completed and optimizer steps taken, when known. */
  epoch: z.number().int().min(0).optional(),
  step: z.number().int().min(0).optional(),
  /** The latest checkpoint's file name in checkpoints/, e.g. "epoch-3.npz". */
  checkpoint: z.string().optional(),
  /**
   * The process whose supervisor queued or trains the run (the app, web mode or a `dllab train`),
   * on which machine. Another process that opens the workspace leaves the run alone while that one
   * lives, instead of taking it for the remains of a crash.
   */
  owner: z.object({ pid: z.number().int().positive(), host: z.string() }).optional(),
})
export type RunState = z.infer<typeof runStateSchema>

const nullableNumber = z.number().nullable()

/**
 * One line of metrics.jsonl. kind 'epoch': the whole epoch (test numbers from a pass over the test
 * set); kind 'step': the running means of the current epoch so far (logEverySteps). Losses are per
 * sample (see docs/formats.md); accuracies in [0, 1], null for autoencoders. `stage` names the
 * phase of multi-stage tasks ("pretrain:dense1", "finetune", "scratch", "channel:R").
 */
export const metricsLineSchema = z.object({
  kind: z.enum(['epoch', 'step']),
  stage: z.string().optional(),
  /** Epochs completed after this line (epoch lines: the epoch just finished, counting from 1). */
  epoch: z.number().int().min(0),
  /** Optimizer steps taken so far. */
  step: z.number().int().min(0),
  trainLoss: nullableNumber,
  trainAccuracy: nullableNumber,
  testLoss: nullableNumber.optional(),
  testAccuracy: nullableNumber.optional(),
  /** Σ of the batch losses of the epoch as the loss computes them (sse: half the lecture's error). */
  trainLossSum: nullableNumber.optional(),
  /** Wall-clock seconds of training in this epoch (excluding the test pass). */
  seconds: z.number().min(0),
  samplesPerSecond: z.number().min(0),
})
export type MetricsLine = z.infer<typeof metricsLineSchema>

/** evaluation.json: what the finished network does on the test set (or the training set, if none). */
export interface EvaluationFile {
  format: typeof EVALUATION_FORMAT
  task: (typeof taskKinds)[number]
  split: 'test' | 'train'
  classification?: ClassificationEvaluation
  reconstruction?: ReconstructionEvaluation
  /** Multi-stage tasks: per stage or channel ("finetune", "scratch", "R", …). */
  stages?: Record<
    string,
    { classification?: ClassificationEvaluation; reconstruction?: ReconstructionEvaluation }
  >
}

/**
 * Checkpoint file names in checkpoints/: `epoch-<e>.npz` after epoch e is complete, and
 * `epoch-<e>-batch-<b>.npz` when stopped after b batches of epoch e + 1 (a cancel, a pause before
 * closing). Multi-stage tasks (pretrain-stack) prefix the stages after the first: `stage-<k>-epoch-<e>…`.
 * Ordered by (stage, epoch, batch), epoch-<e> being batch 0: the latest checkpoint is the largest.
 */
export interface CheckpointPosition {
  /** The stage (0 for single-stage tasks and the first stage). */
  stage?: number
  /** Epochs completed. */
  epoch: number
  /** Batches done in the epoch after those (0 at an epoch boundary). */
  batch: number
}

const CHECKPOINT_NAME = /^(?:stage-(\d{1,4})-)?epoch-(\d{1,9})(?:-batch-(\d{1,12}))?\.npz$/

export function checkpointName(position: CheckpointPosition): string {
  const stage = position.stage ? `stage-${position.stage}-` : ''
  const batch = position.batch === 0 ? '' : `-batch-${position.batch}`
  return `${stage}epoch-${position.epoch}${batch}.npz`
}

/** The position a checkpoint file name encodes, or undefined for any other name. */
export function parseCheckpointName(name: string): Required<CheckpointPosition> | undefined {
  const m = CHECKPOINT_NAME.exec(name)
  if (!m) return undefined
  const stage = m[1] === undefined ? 0 : Number(m[1])
  const batch = m[3] === undefined ? 0 : Number(m[3])
  if ((m[1] !== undefined && stage === 0) || (m[3] !== undefined && batch === 0)) return undefined
  return { stage, epoch: Number(m[2]), batch }
}

export function compareCheckpoints(a: CheckpointPosition, b: CheckpointPosition): number {
  return (a.stage ?? 0) - (b.stage ?? 0) || a.epoch - b.epoch || a.batch - b.batch
}
