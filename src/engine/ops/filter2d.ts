import { ShapeError } from '../errors'
import type { Conv2dGeometry } from '../kernels/kernel-types'
import { kernels } from '../kernels/registry'
import { outputSize } from './output-size'

export { outputSize } from './output-size'

/**
 * Spatial filtering of one single-channel image, the lecture's
 *
 *   g(x, y) = Σ_k Σ_l h(k, l) f(x + k, y + l)      (cross-correlation: no kernel flip; zero padding)
 *
 *   image (H, W), kernel h (KH, KW) → out (OH, OW),  OH = (H − KH + 2p)/s + 1, OW likewise
 *
 * computed as the lecture computes convolution: transform ① (im2col) turns the image into
 * X' (KH·KW, OH·OW), the filter row F (1, KH·KW) (transform ②) times X' is every output at once,
 * and the row is the (OH, OW) image (transform ③). Runs on the active kernels of the registry, so
 * the filter bench exercises the same code as conv2d. Used by the spatial-filter bench (smoothing,
 * sharpening, Gabor) and by the lecture's worked examples.
 */
export interface FilterOptions {
  /** Zero padding on every side (default 0). */
  padding?: number
  /** Step between windows (default 1). */
  stride?: number
}

export interface Plane {
  data: Float32Array
  height: number
  width: number
}

/** Transform ① of one plane: X' (KH·KW rows × OH·OW columns) and the output size it leads to. */
export interface ImageColumns {
  /** X' row-major: row ky·KW + kx, column oy·OW + ox holds f(oy·s + ky − p, ox·s + kx − p). */
  columns: Float32Array
  rows: number
  cols: number
  /** Output height OH and width OW. */
  height: number
  width: number
}

/** The geometry of one plane under a KH × KW window, validated with the lecture's formula. */
export function planeGeometry(
  height: number,
  width: number,
  kh: number,
  kw: number,
  options: FilterOptions,
  op: string,
): Conv2dGeometry {
  const padding = options.padding ?? 0
  const stride = options.stride ?? 1
  return {
    channels: 1,
    height,
    width,
    kernelH: kh,
    kernelW: kw,
    strideH: stride,
    strideW: stride,
    padH: padding,
    padW: padding,
    outH: outputSize(height, kh, padding, stride, 'height', op),
    outW: outputSize(width, kw, padding, stride, 'width', op),
  }
}

export function requirePlane(
  op: string,
  name: string,
  data: Float32Array,
  height: number,
  width: number,
): void {
  if (data.length !== height * width) {
    throw new ShapeError(
      `${op}: ${name} (${height} × ${width}) needs ${height * width} values, got ${data.length}`,
    )
  }
}

/** X' of one plane (transform ①), e.g. to show the matrix of a small example to the user. */
export function imageColumns(
  image: Float32Array,
  height: number,
  width: number,
  kh: number,
  kw: number,
  options: FilterOptions = {},
): ImageColumns {
  requirePlane('filter2d', 'image', image, height, width)
  const g = planeGeometry(height, width, kh, kw, options, 'filter2d')
  const columns = new Float32Array(kh * kw * g.outH * g.outW)
  kernels.im2col(columns, image, 0, g)
  return { columns, rows: kh * kw, cols: g.outH * g.outW, height: g.outH, width: g.outW }
}

export function filter2d(
  image: Float32Array,
  height: number,
  width: number,
  kernel: Float32Array,
  kh: number,
  kw: number,
  options: FilterOptions = {},
): Plane {
  requirePlane('filter2d', 'kernel', kernel, kh, kw)
  const {
    columns,
    rows,
    cols,
    height: outH,
    width: outW,
  } = imageColumns(image, height, width, kh, kw, options)
  const data = new Float32Array(cols)
  kernels.gemm(data, kernel, columns, 1, cols, rows, false, false, false) // F·X' (transforms ②, ③)
  return { data, height: outH, width: outW }
}
