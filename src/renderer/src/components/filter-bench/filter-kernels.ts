/**
 * The filter bench's spatial filters h (square, row-major, cross-correlated as the lecture's
 * g(x, y) = Σ_k Σ_l h(k, l) f(x + k, y + l)):
 *
 *   mean N×N     every weight 1/N² (smoothing; the lecture's 3×3 example)
 *   sharpen      0 −1 0 / −1 5 −1 / 0 −1 0 (the lecture's: 40 60 40 / 80 110 80 / 100 100 100 → 230)
 *   Laplacian    0 1 0 / 1 −4 1 / 0 1 0 (second derivative; edges in every direction)
 *   Sobel x, y   −1 0 1 / −2 0 2 / −1 0 1 and its transpose (first derivative along X or Y)
 *   Gabor        exp(−(x′² + γ²y′²)/(2σ²)) · cos(2π x′/λ + ψ),  x′ = x cos θ + y sin θ,
 *                y′ = −x sin θ + y cos θ, x and y measured from the centre (θ and ψ in degrees)
 */
export interface SquareKernel {
  size: number
  values: Float32Array
}

const square = (values: readonly number[]): SquareKernel => ({
  size: Math.round(Math.sqrt(values.length)),
  values: Float32Array.from(values),
})

export const sharpenKernel = (): SquareKernel => square([0, -1, 0, -1, 5, -1, 0, -1, 0])
export const laplacianKernel = (): SquareKernel => square([0, 1, 0, 1, -4, 1, 0, 1, 0])
export const sobelXKernel = (): SquareKernel => square([-1, 0, 1, -2, 0, 2, -1, 0, 1])
export const sobelYKernel = (): SquareKernel => square([-1, -2, -1, 0, 0, 0, 1, 2, 1])

export function meanKernel(size: number): SquareKernel {
  return { size, values: new Float32Array(size * size).fill(1 / (size * size)) }
}

export interface GaborParams {
  /** Odd kernel size N (N × N). */
  size: number
  /** Orientation θ in degrees: 0 responds to vertical stripes (intensity changing along X). */
  theta: number
  /** Width σ of the Gaussian envelope, in pixels. */
  sigma: number
  /** Wavelength λ of the cosine, in pixels. */
  lambda: number
  /** Aspect ratio γ of the envelope (1 = round). */
  gamma: number
  /** Phase offset ψ in degrees (0 = even, symmetric; 90 = odd). */
  psi: number
}

export function gaborKernel({ size, theta, sigma, lambda, gamma, psi }: GaborParams): SquareKernel {
  const values = new Float32Array(size * size)
  const c = (size - 1) / 2
  const t = (theta * Math.PI) / 180
  const phase = (psi * Math.PI) / 180
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = col - c
      const y = row - c
      const xr = x * Math.cos(t) + y * Math.sin(t)
      const yr = -x * Math.sin(t) + y * Math.cos(t)
      const envelope = Math.exp(-(xr * xr + gamma * gamma * yr * yr) / (2 * sigma * sigma))
      values[row * size + col] = envelope * Math.cos((2 * Math.PI * xr) / lambda + phase)
    }
  }
  return { size, values }
}

/** A custom kernel resized to `size`, keeping the values that still fit, centred. */
export function resizeKernel(values: readonly number[], from: number, size: number): number[] {
  const out = new Array<number>(size * size).fill(0)
  const shift = Math.floor((size - from) / 2)
  for (let row = 0; row < from; row++) {
    for (let col = 0; col < from; col++) {
      const r = row + shift
      const c = col + shift
      if (r >= 0 && r < size && c >= 0 && c < size) out[r * size + c] = values[row * from + col]!
    }
  }
  return out
}
