import type { Rng } from './rng'

/**
 * Weight initialisers. fanIn/fanOut: for dense W (inputs × units) fanIn = inputs, fanOut = units;
 * for conv2d filters (M, C, KH, KW) fanIn = C·KH·KW, fanOut = M·KH·KW (PyTorch's convention).
 *
 *   uniform  U(−0.5, 0.5) for weights AND biases — the lecture's np.random.uniform(-0.5, 0.5, …)
 *   glorot   U(−a, a), a = √(6 / (fanIn + fanOut))          (Xavier uniform), biases 0
 *   he       N(0, 2 / fanIn)                                 (Kaiming normal, ReLU gain), biases 0
 *   lecun    N(0, 1 / fanIn)                                 (LeCun normal), biases 0
 *   zeros    all 0 (for tests and for tied decoders' biases)
 */
export const initSchemes = ['uniform', 'glorot', 'he', 'lecun', 'zeros'] as const
export type InitScheme = (typeof initSchemes)[number]

export interface InitOptions {
  scheme: InitScheme
  /** Half-width of the 'uniform' scheme (default 0.5, the lecture's). */
  range?: number
}

export function initWeights(
  out: Float32Array,
  options: InitOptions,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  switch (options.scheme) {
    case 'uniform': {
      const r = options.range ?? 0.5
      for (let i = 0; i < out.length; i++) out[i] = rng.uniformRange(-r, r)
      return
    }
    case 'glorot': {
      const a = Math.sqrt(6 / (fanIn + fanOut))
      for (let i = 0; i < out.length; i++) out[i] = rng.uniformRange(-a, a)
      return
    }
    case 'he': {
      const std = Math.sqrt(2 / fanIn)
      for (let i = 0; i < out.length; i++) out[i] = std * rng.normal()
      return
    }
    case 'lecun': {
      const std = Math.sqrt(1 / fanIn)
      for (let i = 0; i < out.length; i++) out[i] = std * rng.normal()
      return
    }
    case 'zeros':
      out.fill(0)
      return
  }
}

/** Biases: the lecture's scheme draws them like the weights; every other scheme starts them at 0. */
export function initBias(out: Float32Array, options: InitOptions, rng: Rng): void {
  if (options.scheme === 'uniform') {
    const r = options.range ?? 0.5
    for (let i = 0; i < out.length; i++) out[i] = rng.uniformRange(-r, r)
  } else {
    out.fill(0)
  }
}
