import { Exp } from '../math/exp'

/**
 * Row-wise softmax over (rows × cols), the output activation of a classifier:
 *
 *   forward   y_j = e^(x_j − m) / Σ_k e^(x_k − m),   m = max_k x_k of the row   (no overflow)
 *   backward  dx_i = y_i (dy_i − Σ_j dy_j y_j)          (the softmax Jacobian applied to dy)
 *
 * Per row, three passes: the maximum (f32x4.max, which propagates NaN like Math.max), then
 * e = e^(x − m) written into y while the sum runs in float64 (each lane promoted), then y ·= 1/sum.
 * backward takes its dot product in float64 before writing the row, so dx may be dy (in place).
 * Pointers in bytes.
 */
export function softmaxForward(y: usize, x: usize, rows: i32, cols: i32): void {
  const rowBytes = (<usize>cols) << 2
  const vectorBytes = (<usize>(cols & ~3)) << 2
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes
    const yr = y + <usize>r * rowBytes
    let mv = f32x4.splat(-Infinity)
    let q: usize = 0
    for (; q < vectorBytes; q += 16) mv = f32x4.max(mv, v128.load(xr + q))
    let m = max(
      max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)),
      max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)),
    )
    for (; q < rowBytes; q += 4) m = max(m, load<f32>(xr + q))
    const mvec = f32x4.splat(m)
    let sum2 = f64x2.splat(0)
    for (q = 0; q < vectorBytes; q += 16) {
      const e = Exp.lanes(f32x4.sub(v128.load(xr + q), mvec))
      v128.store(yr + q, e)
      sum2 = f64x2.add(
        sum2,
        f64x2.add(f64x2.promote_low_f32x4(e), f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1))),
      )
    }
    let sum = f64x2.extract_lane(sum2, 0) + f64x2.extract_lane(sum2, 1)
    for (; q < rowBytes; q += 4) {
      const e = Exp.scalar(load<f32>(xr + q) - m)
      store<f32>(yr + q, e)
      sum += e
    }
    const inverse = f32x4.splat(<f32>(1 / sum))
    for (q = 0; q < vectorBytes; q += 16) v128.store(yr + q, f32x4.mul(v128.load(yr + q), inverse))
    for (; q < rowBytes; q += 4) store<f32>(yr + q, load<f32>(yr + q) * f32x4.extract_lane(inverse, 0))
  }
}

export function softmaxBackward(dx: usize, dy: usize, y: usize, rows: i32, cols: i32): void {
  const rowBytes = (<usize>cols) << 2
  const vectorBytes = (<usize>(cols & ~3)) << 2
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes
    let dot2 = f64x2.splat(0)
    let q: usize = 0
    for (; q < vectorBytes; q += 16) {
      const d = v128.load(dy + o + q)
      const s = v128.load(y + o + q)
      const dLow = f64x2.promote_low_f32x4(d)
      const dHigh = f64x2.promote_low_f32x4(v128.shuffle<f32>(d, d, 2, 3, 0, 1))
      const sLow = f64x2.promote_low_f32x4(s)
      const sHigh = f64x2.promote_low_f32x4(v128.shuffle<f32>(s, s, 2, 3, 0, 1))
      dot2 = f64x2.add(dot2, f64x2.add(f64x2.mul(dLow, sLow), f64x2.mul(dHigh, sHigh)))
    }
    let dot = f64x2.extract_lane(dot2, 0) + f64x2.extract_lane(dot2, 1)
    for (; q < rowBytes; q += 4) dot += <f64>load<f32>(dy + o + q) * <f64>load<f32>(y + o + q)
    const dotVec = f32x4.splat(<f32>dot)
    for (q = 0; q < vectorBytes; q += 16) {
      const s = v128.load(y + o + q)
      v128.store(dx + o + q, f32x4.mul(s, f32x4.sub(v128.load(dy + o + q), dotVec)))
    }
    for (; q < rowBytes; q += 4) {
      store<f32>(dx + o + q, load<f32>(y + o + q) * (load<f32>(dy + o + q) - <f32>dot))
    }
  }
}
