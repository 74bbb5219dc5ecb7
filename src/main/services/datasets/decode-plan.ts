/**
 * Runs a source plan through the decode pool: per split, the first good candidates of each class
 * (selection.ts), with one progress count over everything decoded. Small jobs (≤ IN_THREAD_MAX items)
 * are decoded in the calling thread: starting threads would cost more than it saves.
 */
import { availableParallelism } from 'node:os'
import { DecodePool, type RunOptions } from '../../../worker/decode'
import type { PreprocessOptions } from '../imaging/preprocess'
import type { PickedSplit } from './assemble'
import { pickFirstGood } from './selection'
import type { SourcePlan, SplitPlan } from './source-plan'

export const IN_THREAD_MAX = 64

export interface DecodeOptions {
  /** Decode threads (default os.availableParallelism()); 0 decodes in the calling thread. */
  readonly workers?: number | undefined
  /** A pool to use (and leave open) instead of starting one. */
  readonly pool?: DecodePool | undefined
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface DecodedPlan {
  readonly train: PickedSplit
  readonly test?: PickedSplit | undefined
  /** Items decoded (good or not). */
  readonly decoded: number
  readonly threads: number
  readonly seconds: number
}

/** Items the plan decodes when no file fails. */
export function expectedItems(split: SplitPlan | undefined): number {
  if (!split) return 0
  return split.candidates.reduce((n, c) => n + Math.min(c.length, split.limit ?? Infinity), 0)
}

export async function decodePlan(
  plan: SourcePlan,
  preprocess: PreprocessOptions,
  options: DecodeOptions,
): Promise<DecodedPlan> {
  const expected = expectedItems(plan.train) + expectedItems(plan.test)
  const workers = expected <= IN_THREAD_MAX ? 0 : (options.workers ?? availableParallelism())
  const pool = options.pool ?? (await DecodePool.start({ workers }))
  const started = performance.now()
  let base = 0
  const decodeSplit = async (split: SplitPlan): Promise<PickedSplit> => {
    const picked = await pickFirstGood(split.candidates, split.limit, async (items) => {
      const run: RunOptions = {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (done, total) => options.onProgress?.(base + done, Math.max(expected, base + total)),
      }
      const samples = await split.decode(pool, items, preprocess, run)
      base += items.length
      return samples
    })
    return { picked, nameOf: split.nameOf, withFiles: split.withFiles }
  }
  try {
    const train = await decodeSplit(plan.train)
    const test = plan.test ? await decodeSplit(plan.test) : undefined
    const decoded = train.picked.decoded + (test?.picked.decoded ?? 0)
    return { train, test, decoded, threads: pool.threads, seconds: (performance.now() - started) / 1000 }
  } finally {
    if (!options.pool) await pool.close()
  }
}
