import { Rng } from '../init/rng'
import { batchesIn, checkSamplerState, requireSamplerInt, type Sampler, type SamplerState } from './sampler'

/**
 * The lecture's sampling: every training sample is drawn uniformly at random, with replacement
 * (DL.py / AE.py: `rnd_c = np.random.randint(class_num); rnd_n = np.random.randint(train_num)`).
 *
 *   index_k = U{0, …, n − 1}, independent, `draws` per epoch (the lecture: class_num · train_num = n)
 *   batches of B draws, the last one holding draws mod B
 *
 * With equally many samples per class (the lecture's folders), one uniform index over all n samples
 * has the same distribution as its class-then-sample pair. Some samples are seen several times in an
 * epoch and others not at all. The state is the Rng state now plus (epoch, position).
 */
export interface RandomWithReplacementSamplerOptions {
  /** Dataset size n. */
  size: number
  /** Minibatch size B (1 = the lecture's per-sample updates). */
  batchSize: number
  /** Draws per epoch (default n). */
  draws?: number
  /** Seed of the sampler's own Rng. */
  seed: number
}

export class RandomWithReplacementSampler implements Sampler {
  readonly size: number
  readonly batchSize: number
  readonly samplesPerEpoch: number
  readonly batchesPerEpoch: number
  private readonly rng: Rng
  private readonly batch: Int32Array
  private epochCount = 0
  private served = 0

  constructor(options: RandomWithReplacementSamplerOptions) {
    const label = 'random sampler'
    this.size = requireSamplerInt(label, 'size', options.size, 1)
    this.batchSize = requireSamplerInt(label, 'batchSize', options.batchSize, 1)
    this.samplesPerEpoch = requireSamplerInt(label, 'draws', options.draws ?? this.size, 1)
    this.batchesPerEpoch = batchesIn(this.samplesPerEpoch, this.batchSize)
    this.rng = new Rng(requireSamplerInt(label, 'seed', options.seed, 0))
    this.batch = new Int32Array(Math.min(this.batchSize, this.samplesPerEpoch))
  }

  get epoch(): number {
    return this.epochCount
  }

  get position(): number {
    return this.served
  }

  next(): Int32Array {
    const count = Math.min(this.batchSize, this.samplesPerEpoch - this.served)
    for (let i = 0; i < count; i++) this.batch[i] = this.rng.int(this.size)
    this.served += count
    if (this.served === this.samplesPerEpoch) {
      this.epochCount++
      this.served = 0
    }
    return count === this.batch.length ? this.batch : this.batch.subarray(0, count)
  }

  getState(): SamplerState {
    return { rngState: this.rng.getState(), epoch: this.epochCount, position: this.served }
  }

  setState(state: SamplerState): void {
    checkSamplerState('random sampler', state, this.samplesPerEpoch)
    this.rng.setState(state.rngState)
    this.epochCount = state.epoch
    this.served = state.position
  }
}
