/**
 * Fixed-point resampling coefficients exactly as Pillow computes them (libImaging/Resample.c,
 * `precompute_coeffs` + `normalize_coeffs_8bpc`), for one axis: inSize samples → outSize samples.
 *
 * Output sample xx is centred at c = (xx + ½)·s in input coordinates, s = inSize / outSize.
 * When shrinking (s > 1) the filter is stretched by f = max(s, 1): support r = R·f, where R is the
 * filter's own support (box ½, bilinear 1, bicubic 2), and tap x gets
 *     w(x) = K((x − c + ½) / f),   x ∈ [xmin, xmax) = [⌊c − r + ½⌋ ∨ 0, ⌊c + r + ½⌋ ∧ inSize)
 * (⌊·⌋ here is C's truncating (int) cast). The taps are divided by their sum, then rounded half away
 * from zero to integers with PRECISION_BITS = 32 − 8 − 2 = 22 fractional bits (8 bits of pixel, 2
 * bits of headroom for the negative lobes / overshoot of bicubic).
 * Every step is IEEE double arithmetic in the same order as the C, so the integers are identical.
 */
export type ResampleFilter = 'nearest' | 'box' | 'bilinear' | 'bicubic'
export type ConvolutionFilter = Exclude<ResampleFilter, 'nearest'>

export const PRECISION_BITS = 32 - 8 - 2

interface FilterKernel {
  readonly support: number
  readonly weight: (x: number) => number
}

/** Triangle (tent) kernel, support 1. */
function bilinear(x: number): number {
  if (x < 0) x = -x
  return x < 1 ? 1 - x : 0
}

/** Bicubic convolution kernel with a = −0.5 (Keys), support 2. */
function bicubic(x: number): number {
  const a = -0.5
  if (x < 0) x = -x
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a
  return 0
}

const KERNELS: Record<ConvolutionFilter, FilterKernel> = {
  // half-open on the left, as in Pillow: a tap exactly on the left edge is out
  box: { support: 0.5, weight: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: { support: 1, weight: bilinear },
  bicubic: { support: 2, weight: bicubic },
}

/**
 * For output sample i: taps input samples start[i] … start[i] + count[i] − 1 with the integer weights
 * weights[i·ksize … i·ksize + count[i] − 1] (value = weight / 2²²).
 */
export interface AxisCoeffs {
  readonly inSize: number
  readonly outSize: number
  readonly ksize: number
  readonly start: Int32Array
  readonly count: Int32Array
  readonly weights: Int32Array
}

const cache = new Map<string, AxisCoeffs>()
const CACHE_LIMIT = 256

/** Coefficients for one axis, memoised (a dataset resizes thousands of images of the same size). */
export function axisCoeffs(inSize: number, outSize: number, filter: ConvolutionFilter): AxisCoeffs {
  const key = `${filter}:${inSize}:${outSize}`
  let c = cache.get(key)
  if (!c) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    c = computeAxisCoeffs(inSize, outSize, KERNELS[filter])
    cache.set(key, c)
  }
  return c
}

function computeAxisCoeffs(inSize: number, outSize: number, kernel: FilterKernel): AxisCoeffs {
  const scale = inSize / outSize
  const filterscale = scale < 1 ? 1 : scale
  const support = kernel.support * filterscale
  const ksize = Math.ceil(support) * 2 + 1
  const ss = 1 / filterscale
  const start = new Int32Array(outSize)
  const count = new Int32Array(outSize)
  const weights = new Int32Array(outSize * ksize)
  const k = new Float64Array(ksize)
  const one = 1 << PRECISION_BITS
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale
    const xmin = Math.max(0, Math.trunc(center - support + 0.5))
    const n = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin
    let ww = 0
    for (let x = 0; x < n; x++) {
      const w = kernel.weight((x + xmin - center + 0.5) * ss)
      k[x] = w
      ww += w
    }
    for (let x = 0; x < n; x++) {
      const w = ww !== 0 ? k[x] / ww : k[x]
      // C's (int) cast truncates toward zero: ±0.5 first makes it round half away from zero
      weights[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * one) : Math.trunc(0.5 + w * one)
    }
    start[xx] = xmin
    count[xx] = n
  }
  return { inSize, outSize, ksize, start, count, weights }
}
