/**
 * e^x on four float32 lanes, for the activations (sigmoid, tanh, softmax). Within 1 ulp of the
 * correctly rounded float32 result over the whole range, subnormal results included (checked against
 * Math.exp in wasm-math.test.ts); e^x overflows to +∞ and underflows to 0 where float32 does; NaN
 * stays NaN.
 *
 * Method (Cephes expf, Cody–Waite range reduction):
 *   1. clamp x to [−104, 89]: below, e^x < 2^−150 rounds to 0; above, e^x > 2^128 is +∞ either way
 *      (pmin/pmax keep a NaN x: they return x when a comparison with it is false)
 *   2. n = round(x·log₂e), by adding and subtracting 1.5·2²³: the sum has no fraction bits left, so
 *      it is rounded to an integer (ties to even), and that integer sits in its low mantissa bits;
 *      r = x − n·ln2 with ln2 split into C1 + C2 (C1 = 0.693359375 has 9 significant bits, so n·C1
 *      is exact for |n| ≤ 150 and r loses nothing): |r| ≤ ln2/2
 *   3. e^r = 1 + r + r²·P(r), P the degree-5 minimax polynomial of Cephes (relative error 1.7e−7)
 *   4. e^x = e^r · 2^n, with 2^n built in the exponent bits, (n + 127) << 23. n spans [−150, 129],
 *      beyond a float's exponent, so it is applied in two halves 2^⌊n/2⌋ · 2^(n − ⌊n/2⌋), each a
 *      normal float: exact products, except in the subnormal range where rounding is intended.
 *
 * Speed: the method is always inlined into the caller's loop (@inline), and its constants are read
 * from a table in memory, one load each, because V8 rebuilds a v128 constant from an immediate
 * (three instructions) every time it is used and does not hoist it out of loops.
 * Plain multiply and add (no relaxed madd): the activations give the same bits in both builds.
 */
const C: usize = memory.data<f32>(
  [
    89,
    89,
    89,
    89, // 0: upper clamp
    -104,
    -104,
    -104,
    -104, // 16: lower clamp
    1.4426950408889634,
    1.4426950408889634,
    1.4426950408889634,
    1.4426950408889634, // 32: log₂e
    12582912,
    12582912,
    12582912,
    12582912, // 48: 1.5·2²³
    0.693359375,
    0.693359375,
    0.693359375,
    0.693359375, // 64: C1
    -2.1219444e-4,
    -2.1219444e-4,
    -2.1219444e-4,
    -2.1219444e-4, // 80: C2
    1.98756915e-4,
    1.98756915e-4,
    1.98756915e-4,
    1.98756915e-4, // 96: P0
    1.3981999507e-3,
    1.3981999507e-3,
    1.3981999507e-3,
    1.3981999507e-3, // 112: P1
    8.3334519073e-3,
    8.3334519073e-3,
    8.3334519073e-3,
    8.3334519073e-3, // 128: P2
    4.1665795894e-2,
    4.1665795894e-2,
    4.1665795894e-2,
    4.1665795894e-2, // 144: P3
    1.6666665459e-1,
    1.6666665459e-1,
    1.6666665459e-1,
    1.6666665459e-1, // 160: P4
    5.0000001201e-1,
    5.0000001201e-1,
    5.0000001201e-1,
    5.0000001201e-1, // 176: P5
    1,
    1,
    1,
    1, // 192: one
  ],
  16,
)
const BIAS: usize = memory.data<i32>([127, 127, 127, 127], 16) // exponent bias

export class Exp {
  @inline static lanes(x: v128): v128 {
    x = f32x4.pmax(f32x4.pmin(x, v128.load(C, 0)), v128.load(C, 16))
    const magic = v128.load(C, 48)
    const t = f32x4.add(f32x4.mul(x, v128.load(C, 32)), magic)
    const n = f32x4.sub(t, magic)
    let r = f32x4.sub(x, f32x4.mul(n, v128.load(C, 64)))
    r = f32x4.sub(r, f32x4.mul(n, v128.load(C, 80)))
    let p = v128.load(C, 96)
    p = f32x4.add(f32x4.mul(p, r), v128.load(C, 112))
    p = f32x4.add(f32x4.mul(p, r), v128.load(C, 128))
    p = f32x4.add(f32x4.mul(p, r), v128.load(C, 144))
    p = f32x4.add(f32x4.mul(p, r), v128.load(C, 160))
    p = f32x4.add(f32x4.mul(p, r), v128.load(C, 176))
    const er = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), v128.load(C, 192))
    const ni = i32x4.sub(t, magic) // the integer n, from the bits of t
    const half = i32x4.shr_s(ni, 1)
    const rest = i32x4.sub(ni, half)
    const scale1 = i32x4.shl(i32x4.add(half, v128.load(BIAS)), 23) // bits of the float 2^⌊n/2⌋
    const scale2 = i32x4.shl(i32x4.add(rest, v128.load(BIAS)), 23) // bits of the float 2^(n − ⌊n/2⌋)
    return f32x4.mul(f32x4.mul(er, scale1), scale2)
  }

  /** Scalar e^x through the same lanes (tails of the vector loops): identical bits to lanes(). */
  @inline static scalar(x: f32): f32 {
    return f32x4.extract_lane(Exp.lanes(f32x4.splat(x)), 0)
  }
}

/** e^x of one float32, exported for the accuracy test. */
export function expf(x: f32): f32 {
  return Exp.scalar(x)
}
