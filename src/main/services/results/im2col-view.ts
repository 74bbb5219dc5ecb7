import type { Conv2dGeometry } from '../../../engine'
import type { Im2colView, Matrix } from '../../../shared/ipc/lab-types'
import { ResultsError } from './errors'

/**
 * The lecture's convolution as a matrix product, for a patch of output positions of one image:
 *
 *   ① X'[(c·FY + ky)·FX + kx, p] = x[c, oy·sY + ky − pY, ox·sX + kx − pX]   (0 outside: zero padding)
 *      for the patch positions p = (oy − y)·cols + (ox − x), oy ∈ [y, y + rows), ox ∈ [x, x + cols)
 *   ② F = the filters as rows, K × (C·FY·FX)   (the conv layer's W as stored)
 *   ③ U' = F X' + b, K × (rows·cols), reshaped to K maps of rows × cols
 *
 * summed in float64, then compared with the layer's own forward output at those positions (float32
 * im2col + GEMM): maxDifference is the largest |U' − output|, float32 rounding only. The patch is
 * `size` × `size` positions clipped to the map; its top-left corner must lie inside the map.
 */
export interface Im2colInput {
  layer: string
  sampleIndex: number
  /** The layer's input for the sample, (C, H, W). */
  x: ArrayLike<number>
  geometry: Conv2dGeometry
  /** F (K × C·FY·FX), row-major. */
  weights: ArrayLike<number>
  bias?: ArrayLike<number>
  filters: number
  /** The layer's forward output for the sample, (K, OH, OW). */
  output: ArrayLike<number>
  patch: { y: number; x: number; size: number }
}

const matrix = (rows: number, cols: number, values: number[]): Matrix => ({ rows, cols, values })

export function im2colView(input: Im2colInput): Im2colView {
  const g = input.geometry
  const { channels: C, height: H, width: W, kernelH: FY, kernelW: FX } = g
  const { strideH: sY, strideW: sX, padH: pY, padW: pX, outH, outW } = g
  const { y, x, size } = input.patch
  if (y >= outH || x >= outW) {
    throw new ResultsError(
      `the patch at (y ${y}, x ${x}) is outside the feature map of '${input.layer}', which is ` +
        `${outH} × ${outW} (y 0 … ${outH - 1}, x 0 … ${outW - 1})`,
    )
  }
  const rows = Math.min(size, outH - y)
  const cols = Math.min(size, outW - x)
  const positions = rows * cols
  const patchRows = C * FY * FX
  const value = (c: number, iy: number, ix: number): number =>
    iy < 0 || iy >= H || ix < 0 || ix >= W ? 0 : input.x[(c * H + iy) * W + ix]!

  // ① X' (C·FY·FX) × (rows·cols)
  const columns = new Array<number>(patchRows * positions)
  for (let c = 0; c < C; c++)
    for (let ky = 0; ky < FY; ky++)
      for (let kx = 0; kx < FX; kx++) {
        const r = (c * FY + ky) * FX + kx
        for (let py = 0; py < rows; py++)
          for (let px = 0; px < cols; px++) {
            columns[r * positions + py * cols + px] = value(
              c,
              (y + py) * sY + ky - pY,
              (x + px) * sX + kx - pX,
            )
          }
      }

  // The input window the patch reads, zero padding included: C × inRows × inCols.
  const inRows = (rows - 1) * sY + FY
  const inCols = (cols - 1) * sX + FX
  const window = Array.from({ length: C }, (_, c) => {
    const values: number[] = []
    for (let r = 0; r < inRows; r++)
      for (let q = 0; q < inCols; q++) values.push(value(c, y * sY - pY + r, x * sX - pX + q))
    return matrix(inRows, inCols, values)
  })

  // ②–③ U' = F X' + b, and its distance from the layer's own output.
  const K = input.filters
  const filters = Array.from(input.weights)
  const bias = input.bias ? Array.from(input.bias) : new Array<number>(K).fill(0)
  const product = new Array<number>(K * positions)
  let maxDifference = 0
  for (let k = 0; k < K; k++) {
    for (let p = 0; p < positions; p++) {
      let sum = bias[k]!
      for (let r = 0; r < patchRows; r++) sum += filters[k * patchRows + r]! * columns[r * positions + p]!
      product[k * positions + p] = sum
      const oy = y + Math.floor(p / cols)
      const ox = x + (p % cols)
      maxDifference = Math.max(maxDifference, Math.abs(sum - input.output[(k * outH + oy) * outW + ox]!))
    }
  }
  return {
    layer: input.layer,
    sampleIndex: input.sampleIndex,
    inputShape: [C, H, W],
    kernel: [FY, FX],
    stride: [sY, sX],
    padding: [pY, pX],
    patch: { y, x, rows, cols },
    input: window,
    columns: matrix(patchRows, positions, columns),
    filters: matrix(K, patchRows, filters),
    bias,
    product: matrix(K, positions, product),
    featureMaps: Array.from({ length: K }, (_, k) =>
      matrix(rows, cols, product.slice(k * positions, (k + 1) * positions)),
    ),
    maxDifference,
  }
}
