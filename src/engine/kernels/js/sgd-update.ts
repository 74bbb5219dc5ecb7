import { requireVectors } from './check'

/**
 * One SGD step on one parameter, exactly torch.optim.SGD (see optim/sgd.ts for the options):
 *
 *   g = ∂W + λW                                  (λ = weightDecay; just ∂W when λ = 0)
 *   b = g (first step) | μb + (1 − τ)g (later)   (only with a momentum buffer b, μ = momentum)
 *   d = g + μb (nesterov) | b (momentum) | g (no buffer)
 *   W ← W − αd
 *
 * w, dw and b (momentum, or null) hold n values; ∂W is read, never written. Per element the
 * arithmetic is float64 (a JS number) and each stored value is rounded once to float32, so every
 * backend that does the same operations in float64 gives the same bits.
 */
export function sgdUpdate(
  w: Float32Array,
  dw: Float32Array,
  b: Float32Array | null,
  n: number,
  lr: number,
  momentum: number,
  dampening: number,
  nesterov: boolean,
  weightDecay: number,
  first: boolean,
): void {
  requireVectors('sgdUpdate', n, { w, dw, b })
  for (let i = 0; i < n; i++) {
    const g = weightDecay === 0 ? dw[i]! : dw[i]! + weightDecay * w[i]!
    let d = g
    if (b) {
      const bi = first ? g : momentum * b[i]! + (1 - dampening) * g
      b[i] = bi
      d = nesterov ? g + momentum * bi : bi
    }
    w[i] = w[i]! - lr * d
  }
}
