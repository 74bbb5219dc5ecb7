import { z } from 'zod'
import { channelNames } from '../experiment'

/**
 * Parent → worker messages of the training protocol (protocol.ts describes the whole exchange).
 *
 *   start    train one job of a run: the whole experiment ('train'), one channel of a
 *            per-channel-autoencode run ('channel'), or the recombination of its finished channels
 *            ('combine'); `resume` continues from the job's latest checkpoint
 *   pause    stop between two steps and wait (answered by 'paused')
 *   resume   go on after a pause (answered by 'resumed')
 *   cancel   write a checkpoint of the exact position, answer 'done' with status 'cancelled', then wait
 *   kill     exit at once, without a checkpoint (also how the parent ends a worker after 'done')
 */
export const trainingJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('train') }),
  z.strictObject({ kind: z.literal('channel'), channel: z.enum(channelNames) }),
  z.strictObject({ kind: z.literal('combine') }),
])
export type TrainingJob = z.infer<typeof trainingJobSchema>

const text = (max: number) => z.string().min(1).max(max)

export const startMessageSchema = z.strictObject({
  type: z.literal('start'),
  runId: text(200),
  /** The run folder, absolute: <workspace>/runs/<id>. */
  runDir: text(4096),
  /** The experiment as stored in the run's experiment.json (the worker validates it again). */
  experiment: z.unknown(),
  /** The model spec when the experiment names a preset model (resolved by the parent). */
  model: z.unknown().optional(),
  job: trainingJobSchema,
  /** Continue from the job's latest checkpoint. */
  resume: z.boolean().default(false),
  /** Where decoded datasets are cached (absent: no cache). */
  cacheDir: text(4096).optional(),
  /** The kernels: WebAssembly SIMD when it loads (the default), or the JS reference kernels. */
  kernels: z.enum(['wasm', 'js']).default('wasm'),
  /** Threads for the wasm GEMM and convolution (absent: $DLLAB_THREADS, else all cores). */
  threads: z.number().int().min(1).max(256).optional(),
  /** Samples per preview message (0: none). */
  previewCount: z.number().int().min(0).max(16).optional(),
})
export type StartMessage = z.infer<typeof startMessageSchema>
/** What the parent sends as 'start' (defaults may be left out). */
export type StartMessageInput = z.input<typeof startMessageSchema>

export const parentMessageSchema = z.discriminatedUnion('type', [
  startMessageSchema,
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('cancel') }),
  z.strictObject({ type: z.literal('kill') }),
])
/** What the worker receives (after validation, defaults filled). */
export type ParentMessage = z.infer<typeof parentMessageSchema>
/** What the parent sends (defaults may be left out). */
export type ParentMessageInput = z.input<typeof parentMessageSchema>
export type ParentMessageType = ParentMessage['type']
