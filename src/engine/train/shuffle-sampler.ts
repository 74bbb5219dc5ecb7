import { Rng, type RngState } from '../init/rng'
import { batchesIn, checkSamplerState, requireSamplerInt, type Sampler, type SamplerState } from './sampler'

/**
 * Per-epoch shuffle: each epoch is a fresh Fisher–Yates permutation of 0 … n − 1 (drawn with the
 * seeded Rng from the identity), served in batches of B; the last batch of an epoch holds n mod B.
 * Every sample is used exactly once per epoch.
 *
 * The permutation is a function of the Rng state at the start of the epoch, so the saved state is
 * that Rng state plus (epoch, position): restoring re-draws the same permutation and goes on from
 * `position`.
 */
export interface ShuffleSamplerOptions {
  /** Dataset size n. */
  size: number
  /** Minibatch size B (1 = per-sample updates). */
  batchSize: number
  /** Seed of the sampler's own Rng. */
  seed: number
}

export class ShuffleSampler implements Sampler {
  readonly size: number
  readonly batchSize: number
  readonly samplesPerEpoch: number
  readonly batchesPerEpoch: number
  private readonly rng: Rng
  private readonly permutation: Int32Array
  private readonly batch: Int32Array
  private epochStart: RngState
  private epochCount = 0
  private served = 0

  constructor(options: ShuffleSamplerOptions) {
    this.size = requireSamplerInt('shuffle sampler', 'size', options.size, 1)
    this.batchSize = requireSamplerInt('shuffle sampler', 'batchSize', options.batchSize, 1)
    this.samplesPerEpoch = this.size
    this.batchesPerEpoch = batchesIn(this.size, this.batchSize)
    this.rng = new Rng(requireSamplerInt('shuffle sampler', 'seed', options.seed, 0))
    this.permutation = new Int32Array(this.size)
    this.batch = new Int32Array(Math.min(this.batchSize, this.size))
    this.epochStart = this.shuffle()
  }

  get epoch(): number {
    return this.epochCount
  }

  get position(): number {
    return this.served
  }

  next(): Int32Array {
    const start = this.served
    const count = Math.min(this.batchSize, this.size - start)
    for (let i = 0; i < count; i++) this.batch[i] = this.permutation[start + i]!
    this.served += count
    if (this.served === this.size) {
      this.epochCount++
      this.served = 0
      this.epochStart = this.shuffle()
    }
    return count === this.batch.length ? this.batch : this.batch.subarray(0, count)
  }

  getState(): SamplerState {
    return { rngState: [...this.epochStart], epoch: this.epochCount, position: this.served }
  }

  setState(state: SamplerState): void {
    checkSamplerState('shuffle sampler', state, this.samplesPerEpoch)
    this.rng.setState(state.rngState)
    this.epochStart = this.shuffle()
    this.epochCount = state.epoch
    this.served = state.position
  }

  /** Draws this epoch's permutation; returns the Rng state it started from. */
  private shuffle(): RngState {
    const start = this.rng.getState()
    for (let i = 0; i < this.size; i++) this.permutation[i] = i
    this.rng.shuffle(this.permutation)
    return start
  }
}
