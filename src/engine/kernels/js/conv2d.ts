import type { Conv2dGeometry } from '../kernel-types'
import { addChannelBias, sumChannels } from './bias'
import { geometryLayout, requireLength } from './check'
import { col2im } from './col2im'
import { gemm } from './gemm'
import { im2col } from './im2col'

/**
 * Convolution of a batch, image by image, as the lecture's transforms ①–③ (im2col, F·X′, reshape)
 * and their backward. P = OH·OW positions, F (M, C·KH·KW) the filters as rows:
 *
 *   conv2dForward   y_n (M, P) = F · im2col(x_n)          for n = 0 … N−1, then y (N, M, P) += b[m]
 *   conv2dBackward  ∂b += Σ_n Σ_positions Δ_n             (when dBias is given)
 *                   ∂F += Δ_n (M, P) · im2col(x_n)ᵗ        for n = 0 … N−1 (images summed in order)
 *                   dx_n = col2im(Fᵗ · Δ_n)                (written, =; when dx is given)
 *
 * x (N, C, H, W), y and dy (N, M, OH, OW), weight and dWeight (M, C·KH·KW), bias and dBias (M) or
 * null. `cols` is the caller's workspace for one image's X′ (C·KH·KW × P floats). A product's output
 * is written straight into its image's place in y: no reorder. The first layer of a network passes
 * dx = null (nothing before it needs ∂x), which skips the Fᵗ·Δ product and col2im.
 */
function checkSizes(
  op: string,
  x: Float32Array,
  out: Float32Array,
  outName: string,
  weight: Float32Array,
  cols: Float32Array,
  batch: number,
  filters: number,
  g: Conv2dGeometry,
): void {
  const patch = g.channels * g.kernelH * g.kernelW
  const positions = g.outH * g.outW
  requireLength(
    op,
    'x',
    x,
    batch * g.channels * g.height * g.width,
    `(${batch}, ${geometryLayout(g, 'in').slice(1)}`,
  )
  requireLength(op, outName, out, batch * filters * positions, `(${batch}, ${filters}, ${g.outH}, ${g.outW})`)
  requireLength(op, 'weight', weight, filters * patch, `(${filters}, C·KH·KW = ${patch})`)
  requireLength(op, 'cols', cols, patch * positions, `(C·KH·KW, OH·OW)`)
}

export function conv2dForward(
  y: Float32Array,
  x: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  cols: Float32Array,
  batch: number,
  filters: number,
  g: Conv2dGeometry,
): void {
  checkSizes('conv2dForward', x, y, 'y', weight, cols, batch, filters, g)
  const patch = g.channels * g.kernelH * g.kernelW
  const positions = g.outH * g.outW
  const inSize = g.channels * g.height * g.width
  const outSize = filters * positions
  for (let n = 0; n < batch; n++) {
    im2col(cols, x, n * inSize, g) // ①
    const yn = y.subarray(n * outSize, (n + 1) * outSize) // a view, no copy
    gemm(yn, weight, cols, filters, positions, patch, false, false, false) // ② ③
  }
  if (bias) addChannelBias(y, bias, batch, filters, positions)
}

export function conv2dBackward(
  dx: Float32Array | null,
  dWeight: Float32Array,
  dBias: Float32Array | null,
  dy: Float32Array,
  x: Float32Array,
  weight: Float32Array,
  cols: Float32Array,
  batch: number,
  filters: number,
  g: Conv2dGeometry,
): void {
  checkSizes('conv2dBackward', x, dy, 'dy', weight, cols, batch, filters, g)
  requireLength('conv2dBackward', 'dWeight', dWeight, weight.length, `(${filters}, C·KH·KW)`)
  const patch = g.channels * g.kernelH * g.kernelW
  const positions = g.outH * g.outW
  const inSize = g.channels * g.height * g.width
  const outSize = filters * positions
  if (dx)
    requireLength(
      'conv2dBackward',
      'dx',
      dx,
      batch * inSize,
      `(${batch}, ${geometryLayout(g, 'in').slice(1)}`,
    )
  if (dBias) sumChannels(dBias, dy, batch, filters, positions)
  for (let n = 0; n < batch; n++) {
    im2col(cols, x, n * inSize, g) // ① again: X′ of image n
    const dyn = dy.subarray(n * outSize, (n + 1) * outSize)
    gemm(dWeight, dyn, cols, filters, patch, positions, false, true, true) // ∂F += Δ_n X′ᵗ
    if (!dx) continue
    gemm(cols, weight, dyn, patch, positions, filters, true, false, false) // ∂X′ = Fᵗ Δ_n
    dx.fill(0, n * inSize, (n + 1) * inSize)
    col2im(dx, n * inSize, cols, g) // the inverse of ①, overlaps added
  }
}
