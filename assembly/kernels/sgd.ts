/**
 * One SGD step on one parameter (src/engine/kernels/js/sgd-update.ts is the reference, torch.optim.SGD):
 *
 *   g = ∂W + λW;  b = g (first) | μb + (1 − τ)g;  d = g + μb (nesterov) | b | g (no buffer);  W ← W − αd
 *
 * Two elements per f64x2 lane pair, in float64 as the reference (a JS number) computes them, each
 * stored value rounded once to float32: the same operations in the same order, so the same bits.
 * b = 0 means no momentum buffer. The loop is bound by memory traffic (3–5 floats per element), not by
 * its loop-invariant option tests. Pointers in bytes.
 */
function lo(v: v128): v128 {
  return f64x2.promote_low_f32x4(v)
}

function hi(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))
}

function pack(low: v128, high: v128): v128 {
  const a = f32x4.demote_f64x2_zero(low)
  const b = f32x4.demote_f64x2_zero(high)
  return v128.shuffle<f32>(a, b, 0, 1, 4, 5)
}

/** g = ∂W + λW on two float64 lanes (just ∂W without weight decay). */
function gradient(dw: v128, w: v128, wd: v128, decay: bool): v128 {
  return decay ? f64x2.add(dw, f64x2.mul(wd, w)) : dw
}

export function sgdUpdate(
  w: usize,
  dw: usize,
  b: usize,
  n: i32,
  lr: f64,
  momentum: f64,
  dampening: f64,
  nesterov: bool,
  weightDecay: f64,
  first: bool,
): void {
  const decay = weightDecay != 0
  const wd = f64x2.splat(weightDecay)
  const alpha = f64x2.splat(lr)
  const mu = f64x2.splat(momentum)
  const keep = f64x2.splat(1 - dampening)
  const vectors = n & ~3
  for (let i = 0; i < vectors; i += 4) {
    const at = (<usize>i) << 2
    const wv = v128.load(w + at)
    const gv = v128.load(dw + at)
    const w0 = lo(wv)
    const w1 = hi(wv)
    const g0 = gradient(lo(gv), w0, wd, decay)
    const g1 = gradient(hi(gv), w1, wd, decay)
    let d0 = g0
    let d1 = g1
    if (b != 0) {
      let b0 = g0
      let b1 = g1
      if (!first) {
        const bv = v128.load(b + at)
        b0 = f64x2.add(f64x2.mul(mu, lo(bv)), f64x2.mul(keep, g0))
        b1 = f64x2.add(f64x2.mul(mu, hi(bv)), f64x2.mul(keep, g1))
      }
      v128.store(b + at, pack(b0, b1))
      d0 = nesterov ? f64x2.add(g0, f64x2.mul(mu, b0)) : b0
      d1 = nesterov ? f64x2.add(g1, f64x2.mul(mu, b1)) : b1
    }
    v128.store(w + at, pack(f64x2.sub(w0, f64x2.mul(alpha, d0)), f64x2.sub(w1, f64x2.mul(alpha, d1))))
  }
  for (let i = vectors; i < n; i++) {
    const at = (<usize>i) << 2
    const wi = <f64>load<f32>(w + at)
    const g = decay ? <f64>load<f32>(dw + at) + weightDecay * wi : <f64>load<f32>(dw + at)
    let d = g
    if (b != 0) {
      const bi = first ? g : momentum * <f64>load<f32>(b + at) + (1 - dampening) * g
      store<f32>(b + at, <f32>bi)
      d = nesterov ? g + momentum * bi : bi
    }
    store<f32>(w + at, <f32>(wi - lr * d))
  }
}
