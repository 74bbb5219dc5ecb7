/**
 * Seeded random numbers: xoshiro128** (Blackman & Vigna), 32-bit state words so it runs fast on
 * plain JS numbers. The whole state is four uint32 words, saved in checkpoints so that a resumed
 * run draws exactly the numbers an uninterrupted one would: same seed → identical bytes.
 */
export type RngState = [number, number, number, number]

/** splitmix32: spreads a 32-bit seed into well-mixed state words (never all zero). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

export class Rng {
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  constructor(seed: number) {
    const next = splitmix32(seed)
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
  }

  /** Next uniform uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0
    const t = (this.s1 << 9) >>> 0
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    this.s0 >>>= 0
    this.s1 >>>= 0
    this.s2 >>>= 0
    return result
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform in [low, high). */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform()
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  int(n: number): number {
    if (n <= 0) return 0
    const limit = 4294967296 - (4294967296 % n)
    let x = this.nextUint32()
    while (x >= limit) x = this.nextUint32()
    return x % n
  }

  /** Standard normal N(0, 1) by Box–Muller (one value per call, so the state stays four words). */
  normal(): number {
    let u = this.uniform()
    while (u === 0) u = this.uniform()
    const v = this.uniform()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Fisher–Yates shuffle of `array` in place. */
  shuffle<T>(array: T[] | Int32Array | Uint32Array): void {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const t = array[i]!
      array[i] = array[j]!
      array[j] = t
    }
  }

  getState(): RngState {
    return [this.s0, this.s1, this.s2, this.s3]
  }

  setState(state: RngState): void {
    ;[this.s0, this.s1, this.s2, this.s3] = state.map((w) => w >>> 0) as RngState
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
