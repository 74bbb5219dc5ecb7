import { Exp } from '../math/exp'

/**
 * Elementwise activations over n float32 values, four lanes at a time (the tail of n mod 4 values
 * runs the same vector code on a splat, so every element gets identical arithmetic):
 *
 *   sigmoid  y = 1/(1 + e^−x), computed as (x ≥ 0 ? 1 : e)/(1 + e) with e = e^−|x| ≤ 1: never
 *            overflows, and for x ≪ 0 gives e^x itself, not 1 − (1 − e^x)
 *            backward dx = dy·y(1 − y)
 *   tanh     |x| < 0.625: x + x·z·Q(z), z = x², Q the Cephes tanhf polynomial (no cancellation)
 *            otherwise sign(x)·(1 − 2/(e^{2|x|} + 1))                    (e^{2|x|} = ∞ gives ±1)
 *            backward dx = dy(1 − y²)
 *   relu     y = x < 0 ? 0 : x   (NaN stays NaN)        backward dx = x > 0 ? dy : 0
 *
 * Backward kernels WRITE dx and read each element before writing it, so dx may be dy (in place).
 * Pointers in bytes.
 */
/**
 * Constants of the lanes below, each splatted to 16 bytes, read from memory (one load) rather than
 * rebuilt from immediates on every use, which is what V8 does with a v128 constant (see math/exp.ts).
 */
const T: usize = memory.data<f32>(
  [
    1,
    1,
    1,
    1, // 0: one
    2,
    2,
    2,
    2, // 16: two
    0.625,
    0.625,
    0.625,
    0.625, // 32: tanh: polynomial below, exponential above
    -5.70498872745e-3,
    -5.70498872745e-3,
    -5.70498872745e-3,
    -5.70498872745e-3, // 48: Q0
    2.06390887954e-2,
    2.06390887954e-2,
    2.06390887954e-2,
    2.06390887954e-2, // 64: Q1
    -5.37397155531e-2,
    -5.37397155531e-2,
    -5.37397155531e-2,
    -5.37397155531e-2, // 80: Q2
    1.33314422036e-1,
    1.33314422036e-1,
    1.33314422036e-1,
    1.33314422036e-1, // 96: Q3
    -3.33332819422e-1,
    -3.33332819422e-1,
    -3.33332819422e-1,
    -3.33332819422e-1, // 112: Q4
    -0.0,
    -0.0,
    -0.0,
    -0.0, // 128: the sign bit alone
  ],
  16,
)

/** The activations on four lanes, inlined into each loop below. */
class Lanes {
  @inline static sigmoid(x: v128): v128 {
    const e = Exp.lanes(v128.or(x, v128.load(T, 128))) // e^−|x|: x with its sign bit set is −|x|
    const one = v128.load(T, 0)
    const numerator = v128.bitselect(one, e, f32x4.ge(x, f32x4.splat(0)))
    return f32x4.div(numerator, f32x4.add(one, e))
  }

  @inline static tanh(x: v128): v128 {
    const sign = v128.load(T, 128)
    const ax = v128.andnot(x, sign) // |x|
    const z = f32x4.mul(x, x)
    let q = v128.load(T, 48)
    q = f32x4.add(f32x4.mul(q, z), v128.load(T, 64))
    q = f32x4.add(f32x4.mul(q, z), v128.load(T, 80))
    q = f32x4.add(f32x4.mul(q, z), v128.load(T, 96))
    q = f32x4.add(f32x4.mul(q, z), v128.load(T, 112))
    const small = f32x4.add(f32x4.mul(f32x4.mul(q, z), x), x)
    const one = v128.load(T, 0)
    const e = Exp.lanes(f32x4.add(ax, ax))
    const large = f32x4.sub(one, f32x4.div(v128.load(T, 16), f32x4.add(e, one)))
    const largeSigned = v128.or(large, v128.and(x, sign)) // large ≥ 0: or-ing the sign bit copies sign(x)
    return v128.bitselect(small, largeSigned, f32x4.lt(ax, v128.load(T, 32)))
  }

  @inline static relu(x: v128): v128 {
    return v128.bitselect(f32x4.splat(0), x, f32x4.lt(x, f32x4.splat(0)))
  }
}

// One loop per activation (not a shared loop with a switch inside): each inner loop stays branch-free.
export function sigmoidForward(y: usize, x: usize, n: i32): void {
  const end = (<usize>n) << 2
  let q: usize = 0
  for (; q + 16 <= end; q += 16) v128.store(y + q, Lanes.sigmoid(v128.load(x + q)))
  for (; q < end; q += 4)
    store<f32>(y + q, f32x4.extract_lane(Lanes.sigmoid(f32x4.splat(load<f32>(x + q))), 0))
}

export function tanhForward(y: usize, x: usize, n: i32): void {
  const end = (<usize>n) << 2
  let q: usize = 0
  for (; q + 16 <= end; q += 16) v128.store(y + q, Lanes.tanh(v128.load(x + q)))
  for (; q < end; q += 4) store<f32>(y + q, f32x4.extract_lane(Lanes.tanh(f32x4.splat(load<f32>(x + q))), 0))
}

export function reluForward(y: usize, x: usize, n: i32): void {
  const end = (<usize>n) << 2
  let q: usize = 0
  for (; q + 16 <= end; q += 16) v128.store(y + q, Lanes.relu(v128.load(x + q)))
  for (; q < end; q += 4) {
    const v = load<f32>(x + q)
    store<f32>(y + q, v < 0 ? 0 : v)
  }
}

/** dx = dy·y(1 − y) */
export function sigmoidBackward(dx: usize, dy: usize, y: usize, n: i32): void {
  const end = (<usize>n) << 2
  let q: usize = 0
  for (; q + 16 <= end; q += 16) {
    const s = v128.load(y + q)
    v128.store(dx + q, f32x4.mul(f32x4.mul(v128.load(dy + q), s), f32x4.sub(v128.load(T, 0), s)))
  }
  for (; q < end; q += 4) {
    const s = load<f32>(y + q)
    store<f32>(dx + q, load<f32>(dy + q) * s * (1 - s))
  }
}

/** dx = dy(1 − y²) */
export function tanhBackward(dx: usize, dy: usize, y: usize, n: i32): void {
  const end = (<usize>n) << 2
  let q: usize = 0
  for (; q + 16 <= end; q += 16) {
    const t = v128.load(y + q)
    v128.store(dx + q, f32x4.mul(v128.load(dy + q), f32x4.sub(v128.load(T, 0), f32x4.mul(t, t))))
  }
  for (; q < end; q += 4) {
    const t = load<f32>(y + q)
    store<f32>(dx + q, load<f32>(dy + q) * (1 - t * t))
  }
}

/** dx = x > 0 ? dy : 0 */
export function reluBackward(dx: usize, dy: usize, x: usize, n: i32): void {
  const end = (<usize>n) << 2
  let q: usize = 0
  for (; q + 16 <= end; q += 16) {
    const positive = f32x4.gt(v128.load(x + q), f32x4.splat(0))
    v128.store(dx + q, v128.and(v128.load(dy + q), positive))
  }
  for (; q < end; q += 4) store<f32>(dx + q, load<f32>(x + q) > 0 ? load<f32>(dy + q) : 0)
}
