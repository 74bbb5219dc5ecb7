/**
 * grad = y − t and Σ (y − t)² over n values (src/engine/kernels/js/squared-error.ts is the
 * reference): differences in float64 (exact for float32 inputs of similar size, as the reference's
 * JS numbers), each rounded once into grad, four at a time; the squares are added one by one in
 * index order, so the sum has the reference's bits. Pointers in bytes.
 */
function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))
}

export function squaredError(grad: usize, y: usize, t: usize, n: i32): f64 {
  let sum: f64 = 0
  let i = 0
  for (; i + 4 <= n; i += 4) {
    const at = (<usize>i) << 2
    const vy = v128.load(y + at)
    const vt = v128.load(t + at)
    const low = f64x2.sub(f64x2.promote_low_f32x4(vy), f64x2.promote_low_f32x4(vt))
    const high = f64x2.sub(promoteHigh(vy), promoteHigh(vt))
    const packed = v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5)
    v128.store(grad + at, packed)
    const sl = f64x2.mul(low, low)
    const sh = f64x2.mul(high, high)
    sum += f64x2.extract_lane(sl, 0)
    sum += f64x2.extract_lane(sl, 1)
    sum += f64x2.extract_lane(sh, 0)
    sum += f64x2.extract_lane(sh, 1)
  }
  for (; i < n; i++) {
    const at = (<usize>i) << 2
    const d = <f64>load<f32>(y + at) - <f64>load<f32>(t + at)
    store<f32>(grad + at, <f32>d)
    sum += d * d
  }
  return sum
}
