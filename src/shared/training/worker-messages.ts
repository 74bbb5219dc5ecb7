import { z } from 'zod'
import { metricsLineSchema, taskKinds } from '../experiment'

/**
 * Worker → parent messages of the training protocol (protocol.ts describes the whole exchange). The
 * parent validates every one: a worker is a separate program whose messages are never trusted.
 *
 *   ready       the worker is listening (sent once, first); the parent then sends 'start'
 *   loading     images decoded so far while the dataset loads (at most ~10 a second)
 *   data        the dataset is loaded: sizes, classes, unreadable files skipped
 *   stage       a stage begins (pre-training layers, fine-tuning, a colour channel)
 *   progress    the step in progress, at most ~10 a second
 *   epoch       an epoch's metrics line (the one written to metrics.jsonl)
 *   preview     a few test samples and what the network makes of them
 *   checkpoint  a checkpoint file was written
 *   paused      the pause took effect (no step runs until 'resumed')
 *   resumed     training goes on
 *   done        the job ended (finished, or cancelled with its checkpoint), with an evaluation summary
 *   failed      the job cannot go on; the error crosses as { name, message, stack }
 */
const finite = z.number().finite()
const count = z.number().int().min(0)
const name = z.string().min(1).max(200)

/** At most this many samples in a preview, and values in one sample. */
export const PREVIEW_MAX_SAMPLES = 16
export const PREVIEW_MAX_VALUES = 3 * 64 * 64

export const progressSchema = z.strictObject({
  /** "train", "pretrain:hidden1", "finetune", "scratch", "channel:R". */
  stage: name,
  /** The epoch in progress (from 1) and the number of epochs. */
  epoch: count,
  epochs: count,
  batch: count,
  batchesPerEpoch: count,
  /** Optimizer steps of this stage so far, and in all. */
  step: count,
  totalSteps: count,
  /** Running per-sample means over the epoch so far; accuracy null for autoencoders. */
  loss: finite,
  accuracy: finite.nullable(),
  samplesPerSecond: finite.min(0),
  /** Seconds left in this stage; null until known. */
  etaSeconds: finite.min(0).nullable(),
})
export type ProgressInfo = z.infer<typeof progressSchema>

const indices = z.array(count).max(PREVIEW_MAX_SAMPLES)
const values = z.array(z.number()).max(PREVIEW_MAX_VALUES)

export const previewSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('predictions'),
    stage: name,
    epoch: count,
    indices,
    labels: indices,
    predicted: indices,
    /** Per sample, the class probabilities. */
    scores: z.array(z.array(z.number()).max(10_000)).max(PREVIEW_MAX_SAMPLES),
  }),
  z.strictObject({
    kind: z.literal('reconstructions'),
    stage: name,
    epoch: count,
    sampleShape: z.array(z.number().int().min(1)).min(1).max(4),
    indices,
    inputs: z.array(values).max(PREVIEW_MAX_SAMPLES),
    outputs: z.array(values).max(PREVIEW_MAX_SAMPLES),
  }),
])
export type PreviewInfo = z.infer<typeof previewSchema>

/** The numbers of evaluation.json a list or a notification shows; the file has the rest. */
export const evaluationSummarySchema = z.strictObject({
  task: z.enum(taskKinds),
  split: z.enum(['test', 'train']),
  accuracy: finite.optional(),
  correct: count.optional(),
  total: count.optional(),
  meanSse: finite.optional(),
  mse: finite.optional(),
  /** Per stage or channel ("finetune", "scratch", "R", …). */
  stages: z
    .record(
      z.string().max(100),
      z.strictObject({ accuracy: finite.optional(), meanSse: finite.optional(), mse: finite.optional() }),
    )
    .optional(),
})
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>

export const wireErrorSchema = z.strictObject({
  name: z.string().max(200),
  message: z.string().max(20_000),
  stack: z.string().max(50_000).optional(),
})
export type TrainingWireError = z.infer<typeof wireErrorSchema>

export const workerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), pid: z.number().int() }),
  z.strictObject({ type: z.literal('loading'), done: count, total: count }),
  z.strictObject({
    type: z.literal('data'),
    trainCount: count,
    testCount: count,
    sampleShape: z.array(z.number().int().min(1)).min(1).max(4),
    classes: z.array(z.string().max(1000)).max(100_000),
    /** Files that could not be read and were skipped. */
    skipped: count,
    fromCache: z.boolean(),
    /** The kernels training runs on, and why not WebAssembly when it is 'js' against the request. */
    kernels: z.enum(['wasm-simd', 'wasm-relaxed-simd', 'js']),
    kernelsNote: z.string().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('stage'), name, index: count, total: z.number().int().min(1) }),
  z.strictObject({ type: z.literal('progress'), progress: progressSchema }),
  z.strictObject({ type: z.literal('epoch'), metrics: metricsLineSchema }),
  z.strictObject({ type: z.literal('preview'), preview: previewSchema }),
  z.strictObject({
    type: z.literal('checkpoint'),
    stage: name,
    /** File name in the job's checkpoints/ folder ("epoch-3.npz"). */
    name: z.string().regex(/^[A-Za-z0-9-]{1,80}\.npz$/),
    /** The file relative to the run folder ("checkpoints/epoch-3.npz", "stages/R/checkpoints/…"). */
    path: z.string().min(1).max(300),
    epoch: count,
    batch: count,
    step: count,
  }),
  z.strictObject({ type: z.literal('paused'), step: count }),
  z.strictObject({ type: z.literal('resumed') }),
  z.strictObject({
    type: z.literal('done'),
    status: z.enum(['finished', 'cancelled']),
    epoch: count,
    step: count,
    checkpoint: z.string().max(100).optional(),
    evaluation: evaluationSummarySchema.optional(),
  }),
  z.strictObject({ type: z.literal('failed'), error: wireErrorSchema }),
])
export type WorkerMessage = z.infer<typeof workerMessageSchema>
export type WorkerMessageType = WorkerMessage['type']
