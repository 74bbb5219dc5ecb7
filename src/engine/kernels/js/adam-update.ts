import { requireVectors } from './check'

/**
 * One Adam step on one parameter of n values, exactly torch.optim.Adam (see optim/adam.ts):
 *
 *   g = ∂W + λW;  m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;  v̂ = max(v̂, v) (amsgrad) | v
 *   W ← W − stepSize · m / (√v̂ / bc2Sqrt + ε)       stepSize = α/(1 − β₁ᵗ), bc2Sqrt = √(1 − β₂ᵗ)
 *
 * m, v (and vmax, or null without amsgrad) are read and written, ∂W only read. Per element the
 * arithmetic is float64 (a JS number) in this order; m and v are stored rounded to float32 while the
 * update uses the unrounded m (and the unrounded v, or with amsgrad the max of the stored values), so
 * every backend doing the same float64 operations gives the same bits.
 */
export function adamUpdate(
  w: Float32Array,
  dw: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vmax: Float32Array | null,
  n: number,
  stepSize: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  bc2Sqrt: number,
): void {
  requireVectors('adamUpdate', n, { w, dw, m, v, vmax })
  for (let i = 0; i < n; i++) {
    const g = weightDecay === 0 ? dw[i]! : dw[i]! + weightDecay * w[i]!
    const mi = beta1 * m[i]! + (1 - beta1) * g
    let vi = beta2 * v[i]! + (1 - beta2) * g * g
    m[i] = mi
    v[i] = vi
    if (vmax) {
      vi = Math.max(vmax[i]!, v[i]!)
      vmax[i] = vi
    }
    w[i] = w[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps)
  }
}
