/**
 * Reconstruction error of an autoencoder, the lecture's error measure per sample:
 *   SSE_n = Σ_f (y_nf − x_nf)²      (x = the target: the clean input, also for denoising)
 * with the mean over samples, the total, the mean per element (MSE) and the worst samples
 * (largest SSE first, ties by index; NaN counts as the largest) for the reconstruction figures.
 * Sums are in float64.
 *
 * target, output: (samples × features), row-major
 */
import { EvaluationError } from './errors'

export interface ReconstructionInput {
  /** What the network should give back: the (clean) input, (samples × features) row-major. */
  readonly target: ArrayLike<number>
  /** What it gave back, same shape. */
  readonly output: ArrayLike<number>
  readonly samples: number
  /** How many of the worst samples to list; default 10. */
  readonly worstLimit?: number
}

export interface ReconstructionEvaluation {
  readonly kind: 'reconstruction'
  readonly samples: number
  readonly features: number
  /** Σ over all samples of SSE_n. */
  readonly totalSse: number
  /** Mean of SSE_n over samples; 0 for an empty set. */
  readonly meanSse: number
  /** totalSse / (samples · features): the mean squared error per element. */
  readonly mse: number
  readonly minSse: number
  readonly maxSse: number
  /** SSE_n of every sample, in order. */
  readonly perSample: number[]
  /** The samples reconstructed worst, largest SSE first. */
  readonly worst: { readonly index: number; readonly sse: number }[]
}

export function reconstructionError(input: ReconstructionInput): ReconstructionEvaluation {
  const { target, output, samples } = input
  if (!Number.isInteger(samples) || samples < 0) {
    throw new EvaluationError(`reconstructionError: samples must be a non-negative integer, got ${samples}`)
  }
  if (target.length !== output.length) {
    throw new EvaluationError(
      `reconstructionError: the target has ${target.length} values but the output ${output.length}; ` +
        'they must have the same shape (samples × features)',
    )
  }
  if (samples === 0 ? target.length !== 0 : target.length % samples !== 0) {
    throw new EvaluationError(
      `reconstructionError: ${target.length} values do not split into ${samples} samples of equal size`,
    )
  }
  const features = samples === 0 ? 0 : target.length / samples
  const perSample = new Array<number>(samples)
  let total = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let n = 0; n < samples; n++) {
    let sse = 0
    const row = n * features
    for (let f = 0; f < features; f++) {
      const d = output[row + f] - target[row + f]
      sse += d * d
    }
    perSample[n] = sse
    total += sse
    if (sse < min) min = sse
    if (sse > max) max = sse
  }
  const limit = input.worstLimit ?? 10
  const order = perSample.map((sse, index) => ({ index, sse }))
  // A diverged network's NaN errors count as the worst.
  const key = (sse: number): number => (Number.isNaN(sse) ? Number.POSITIVE_INFINITY : sse)
  order.sort((a, b) => (key(a.sse) !== key(b.sse) ? key(b.sse) - key(a.sse) : a.index - b.index))
  return {
    kind: 'reconstruction',
    samples,
    features,
    totalSse: total,
    meanSse: samples > 0 ? total / samples : 0,
    mse: samples * features > 0 ? total / (samples * features) : 0,
    minSse: samples > 0 ? min : 0,
    maxSse: samples > 0 ? max : 0,
    perSample,
    worst: order.slice(0, limit),
  }
}
