/**
 * The multiply-add of every SIMD kernel: c + a·b on four float32 lanes.
 *
 * The relaxed-SIMD build (`--enable relaxed-simd`) uses f32x4.relaxed_madd, which the engine may run
 * as one fused multiply-add (a single rounding: vfmadd on x86 with FMA, fmla on ARM) or as a multiply
 * then an add (two roundings); either result is within the kernels' tolerances, and a given machine
 * always picks the same one, so runs stay reproducible. The plain SIMD build always multiplies then
 * adds. ASC_FEATURE_RELAXED_SIMD is a compile-time constant, so each build keeps one branch only, and
 * Binaryen inlines this tiny function into every loop (no @inline decorator: the repository's
 * TypeScript parser for lint and formatting rejects decorators on functions).
 */
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c)
  return f32x4.add(c, f32x4.mul(a, b))
}
