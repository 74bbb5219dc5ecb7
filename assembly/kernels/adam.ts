/**
 * One Adam step on one parameter (src/engine/kernels/js/adam-update.ts is the reference,
 * torch.optim.Adam):
 *
 *   g = ∂W + λW;  m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g·g;  v̂ = max(v̂, v) (amsgrad) | v
 *   W ← W − stepSize · m / (√v̂ / bc2Sqrt + ε)
 *
 * Two elements per f64x2, in float64 with the reference's operations in its order (√ and ÷ are
 * correctly rounded in both), m and v stored rounded once to float32, the update from the unrounded
 * m and v (amsgrad: the max of the stored float32 values): the same bits as the reference.
 * vmax = 0 means no amsgrad. Pointers in bytes.
 */
function lo(x: v128): v128 {
  return f64x2.promote_low_f32x4(x)
}

function hi(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1))
}

function pack(low: v128, high: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5)
}

export function adamUpdate(
  w: usize,
  dw: usize,
  m: usize,
  v: usize,
  vmax: usize,
  n: i32,
  stepSize: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  bc2Sqrt: f64,
): void {
  const decay = weightDecay != 0
  const wd = f64x2.splat(weightDecay)
  const b1 = f64x2.splat(beta1)
  const c1 = f64x2.splat(1 - beta1)
  const b2 = f64x2.splat(beta2)
  const c2 = f64x2.splat(1 - beta2)
  const size = f64x2.splat(stepSize)
  const bc = f64x2.splat(bc2Sqrt)
  const e = f64x2.splat(eps)
  const vectors = n & ~3
  for (let i = 0; i < vectors; i += 4) {
    const at = (<usize>i) << 2
    const wv = v128.load(w + at)
    const gv = v128.load(dw + at)
    const mv = v128.load(m + at)
    const vv = v128.load(v + at)
    const w0 = lo(wv)
    const w1 = hi(wv)
    const g0 = decay ? f64x2.add(lo(gv), f64x2.mul(wd, w0)) : lo(gv)
    const g1 = decay ? f64x2.add(hi(gv), f64x2.mul(wd, w1)) : hi(gv)
    const m0 = f64x2.add(f64x2.mul(b1, lo(mv)), f64x2.mul(c1, g0))
    const m1 = f64x2.add(f64x2.mul(b1, hi(mv)), f64x2.mul(c1, g1))
    let v0 = f64x2.add(f64x2.mul(b2, lo(vv)), f64x2.mul(f64x2.mul(c2, g0), g0))
    let v1 = f64x2.add(f64x2.mul(b2, hi(vv)), f64x2.mul(f64x2.mul(c2, g1), g1))
    v128.store(m + at, pack(m0, m1))
    const stored = pack(v0, v1)
    v128.store(v + at, stored)
    if (vmax != 0) {
      const top = f32x4.max(v128.load(vmax + at), stored) // max of float32 values is exact
      v128.store(vmax + at, top)
      v0 = lo(top)
      v1 = hi(top)
    }
    const d0 = f64x2.div(f64x2.mul(size, m0), f64x2.add(f64x2.div(f64x2.sqrt(v0), bc), e))
    const d1 = f64x2.div(f64x2.mul(size, m1), f64x2.add(f64x2.div(f64x2.sqrt(v1), bc), e))
    v128.store(w + at, pack(f64x2.sub(w0, d0), f64x2.sub(w1, d1)))
  }
  for (let i = vectors; i < n; i++) {
    const at = (<usize>i) << 2
    const wi = <f64>load<f32>(w + at)
    const g = decay ? <f64>load<f32>(dw + at) + weightDecay * wi : <f64>load<f32>(dw + at)
    const mi = beta1 * <f64>load<f32>(m + at) + (1 - beta1) * g
    let vi = beta2 * <f64>load<f32>(v + at) + (1 - beta2) * g * g
    store<f32>(m + at, <f32>mi)
    store<f32>(v + at, <f32>vi)
    if (vmax != 0) {
      const top = max(load<f32>(vmax + at), load<f32>(v + at))
      store<f32>(vmax + at, top)
      vi = <f64>top
    }
    store<f32>(w + at, <f32>(wi - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps)))
  }
}
