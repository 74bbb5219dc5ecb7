import {
  type JsonValue,
  kernelBackends,
  npzToStateDict,
  type OptimizerState,
  type Parameter,
  type RngState,
  type SamplerState,
  type StateDict,
  stateDictToNpz,
} from '../../engine'
import { TrainingError } from './types'

/**
 * Checkpoint files (checkpoints/epoch-<e>.npz, epoch-<e>-batch-<b>.npz): an npz NumPy can open.
 *
 *   <param>              float32, every parameter of the network by name ("hunit1.W", "conv1.b"), and
 *                        of a greedy pre-training stage's temporary decoder ("hidden1-decoder.W")
 *   optim.<key>          float32 optimizer buffers ("optim.hunit1.W.momentum", "optim.conv1.W.adam_m")
 *   __meta__             uint8, UTF-8 JSON (CheckpointMeta below): the stage, the cursor (epoch, batch,
 *                        step), the sampler's state, the runtime Rng (noise, dropout), the optimizer's
 *                        scalar state ("step"), the running sums of the epoch in progress, and the
 *                        kernel backends that computed it
 *
 * Restoring all of it continues a run bit for bit: the same batches, the same noise, the same updates.
 * In Python: z = np.load(f); w = z['hunit1.W']; meta = json.loads(z['__meta__'].tobytes()).
 */
export const CHECKPOINT_FORMAT = 'dllab.checkpoint/1'
export const OPTIMIZER_PREFIX = 'optim.'

/** Running sums of the epoch in progress (restored so its metrics line comes out the same). */
export interface EpochSums {
  samples: number
  /** Σ of per-sample losses (see train-loop.ts). */
  lossSum: number
  /** Σ of the batch losses as the loss returns them. */
  rawLossSum: number
  correct: number
  /** Training seconds spent in this epoch so far. */
  seconds: number
}

export interface CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT
  /** Which stage wrote it ("train", "pretrain:hidden1", "finetune", "scratch", "channel:R"). */
  stage: string
  stageIndex: number
  /** Epochs completed, batches done in the next epoch, optimizer steps of the stage. */
  epoch: number
  batch: number
  step: number
  seed: number
  sampler: SamplerState
  runtimeRng: RngState
  optimizer: { name: string; scalars: Record<string, number> }
  sums: EpochSums
  /**
   * Which backend ran each kernel (engine kernelBackends()): a resume is bit-identical on the same
   * kernels; another backend (JS ↔ WebAssembly) continues correctly but may round differently.
   */
  kernels: Record<string, string>
}

export interface CheckpointContents {
  weights: StateDict
  optimizer: OptimizerState
  meta: CheckpointMeta
}

export function encodeCheckpoint(
  params: readonly Parameter[],
  optimizer: OptimizerState,
  meta: Omit<CheckpointMeta, 'format' | 'optimizer' | 'kernels'> & { optimizerName: string },
): Uint8Array {
  const dict: StateDict = {}
  for (const p of params) dict[p.name] = { shape: [...p.value.shape], data: p.value.data }
  const scalars: Record<string, number> = {}
  for (const [key, value] of Object.entries(optimizer)) {
    if (typeof value === 'number') scalars[key] = value
    else dict[`${OPTIMIZER_PREFIX}${key}`] = { shape: [value.length], data: value }
  }
  const { optimizerName, ...rest } = meta
  const full: CheckpointMeta = {
    format: CHECKPOINT_FORMAT,
    ...rest,
    optimizer: { name: optimizerName, scalars },
    kernels: kernelBackends(),
  }
  return stateDictToNpz(dict, full as unknown as JsonValue)
}

function isMeta(meta: unknown): meta is CheckpointMeta {
  if (meta === null || typeof meta !== 'object') return false
  const m = meta as Record<string, unknown>
  return (
    m.format === CHECKPOINT_FORMAT &&
    typeof m.stage === 'string' &&
    [m.stageIndex, m.epoch, m.batch, m.step, m.seed].every((v) => Number.isInteger(v)) &&
    typeof m.sampler === 'object' &&
    Array.isArray(m.runtimeRng) &&
    typeof m.optimizer === 'object' &&
    typeof m.sums === 'object'
  )
}

export function decodeCheckpoint(bytes: Uint8Array): CheckpointContents {
  let loaded
  try {
    loaded = npzToStateDict(bytes)
  } catch (error) {
    throw new TrainingError(`the checkpoint cannot be read: ${(error as Error).message}`, { cause: error })
  }
  if (!isMeta(loaded.meta)) {
    throw new TrainingError(
      `the file is not a DL Lab checkpoint (its __meta__ is missing or not "${CHECKPOINT_FORMAT}")`,
    )
  }
  const meta = loaded.meta
  const weights: StateDict = {}
  const optimizer: OptimizerState = { ...meta.optimizer.scalars }
  for (const [key, t] of Object.entries(loaded.tensors)) {
    if (key.startsWith(OPTIMIZER_PREFIX)) optimizer[key.slice(OPTIMIZER_PREFIX.length)] = t.data
    else weights[key] = t
  }
  return { weights, optimizer, meta }
}

/** Copies saved values into `params`: every parameter must be saved, and nothing else. */
export function restoreParameters(params: readonly Parameter[], weights: StateDict): void {
  const names = new Set(params.map((p) => p.name))
  const missing = params.filter((p) => !Object.hasOwn(weights, p.name)).map((p) => p.name)
  const unexpected = Object.keys(weights).filter((k) => !names.has(k))
  if (missing.length > 0 || unexpected.length > 0) {
    throw new TrainingError(
      `the checkpoint does not match this network (missing ${missing.join(', ') || 'nothing'}; ` +
        `unexpected ${unexpected.join(', ') || 'nothing'}); was it written by another experiment?`,
    )
  }
  for (const p of params) {
    const saved = weights[p.name]!
    if (saved.data.length !== p.value.size) {
      throw new TrainingError(
        `the checkpoint's '${p.name}' has ${saved.data.length} values, the network's ${p.value.size}`,
      )
    }
    p.value.data.set(saved.data)
  }
}
