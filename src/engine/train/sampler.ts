import { EngineError, SpecError } from '../errors'
import type { RngState } from '../init/rng'

/**
 * Minibatch index samplers: which training samples (0 … size − 1) go into each minibatch.
 *
 *   size n samples, batch size B, samplesPerEpoch S (n for a shuffle, `draws` for random draws)
 *   an epoch = ⌈S / B⌉ batches of B indices; the last one holds S mod B when B does not divide S
 *
 * `next()` returns the next batch's indices (a view valid until the following call). The epoch
 * counter advances as soon as an epoch's last batch is served, so a training loop reads
 *   const e = sampler.epoch; while (sampler.epoch === e) { const indices = sampler.next(); … }
 * and works unchanged after a resume in the middle of an epoch.
 *
 * The state {rngState, epoch, position} is plain JSON (checkpointed with the run): restoring it into
 * a sampler of the same size, batch size and draws continues with bit-identical batches. Each sampler
 * owns its Rng (seeded from the experiment), so no other consumer of random numbers disturbs it.
 */
export interface SamplerState {
  /** The sampler's Rng state (for a shuffle: as it was before the current epoch's permutation). */
  rngState: RngState
  /** Epochs completed. */
  epoch: number
  /** Samples already served in the current epoch (0 ≤ position < samplesPerEpoch). */
  position: number
}

export interface Sampler {
  readonly size: number
  readonly batchSize: number
  readonly samplesPerEpoch: number
  readonly batchesPerEpoch: number
  readonly epoch: number
  readonly position: number
  next(): Int32Array
  getState(): SamplerState
  setState(state: SamplerState): void
}

/** Options every sampler validates: the spec's `size`, `batchSize`, `seed`. */
export function requireSamplerInt(sampler: string, field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SpecError(`${sampler}: ${field} must be an integer ≥ ${min}, got ${String(value)}`)
  }
  return value
}

/** Checks a restored state fits a sampler with `samplesPerEpoch` samples per epoch. */
export function checkSamplerState(sampler: string, state: SamplerState, samplesPerEpoch: number): void {
  const words = state?.rngState
  const wordsOk =
    Array.isArray(words) &&
    words.length === 4 &&
    words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) &&
    words.some((w) => w !== 0)
  const epochOk = Number.isInteger(state?.epoch) && state.epoch >= 0
  const positionOk =
    Number.isInteger(state?.position) && state.position >= 0 && state.position < samplesPerEpoch
  if (!wordsOk || !epochOk || !positionOk) {
    throw new EngineError(
      `${sampler}: cannot restore state ${JSON.stringify(state)}; expected rngState as four uint32 words ` +
        `(not all 0), epoch ≥ 0 and 0 ≤ position < ${samplesPerEpoch}; was it saved by a sampler with ` +
        `another dataset size or batch settings?`,
    )
  }
}

/** Batches in an epoch of S samples cut into batches of B (the last one partial). */
export function batchesIn(samplesPerEpoch: number, batchSize: number): number {
  return Math.ceil(samplesPerEpoch / batchSize)
}
