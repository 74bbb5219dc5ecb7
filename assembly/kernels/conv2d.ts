import { addChannelBias, sumChannels } from './bias'
import { col2im, im2col } from './columns'
import { gemm, gemmWorkspaceBytes } from './gemm'

/**
 * Convolution of a whole batch in one call (lecture ①–③ and their backward), image by image, so the
 * column matrix X′ of one image (C·KH·KW, P), P = OH·OW, never leaves wasm memory and stays in cache:
 *
 *   forward   for each image n:  X′ = im2col(x_n);  y_n (M, P) = F (M, C·KH·KW) · X′;  then y += b[m]
 *   backward  ∂b += Σ_n Σ_positions Δ_n                        (when db ≠ 0)
 *             for each image n:  X′ = im2col(x_n)
 *                                ∂F (M, C·KH·KW) += Δ_n (M, P) · X′ᵗ
 *                                ∂X′ = Fᵗ Δ_n;  dx_n = col2im(∂X′)   (written, =; only when dx ≠ 0)
 *
 * y_n is written straight into its place in y (N, M, P): no reorder pass. ∂F sums the images in
 * order 0 … N−1, so it does not depend on how a caller groups a batch. Pointer 0 means "none" (no
 * bias, no ∂b, no ∂x: the first layer of a network needs no input gradient); the heap never places a
 * buffer at 0 (static data lives there). Workspace `work` (conv2dWorkspaceBytes): X′, then GEMM's.
 * The geometry's 11 integers are in the order of Conv2dGeometry. Pointers in bytes.
 */
function colsBytes(channels: i32, kernelH: i32, kernelW: i32, outH: i32, outW: i32): usize {
  const bytes = (<usize>channels * kernelH * kernelW * outH * outW) << 2
  return (bytes + 63) & ~(<usize>63)
}

export function conv2dWorkspaceBytes(
  filters: i32,
  channels: i32,
  kernelH: i32,
  kernelW: i32,
  outH: i32,
  outW: i32,
): usize {
  const patch = channels * kernelH * kernelW
  const p = outH * outW
  const forward = gemmWorkspaceBytes(filters, p, patch)
  const weight = gemmWorkspaceBytes(filters, patch, p)
  const input = gemmWorkspaceBytes(patch, p, filters)
  return colsBytes(channels, kernelH, kernelW, outH, outW) + max(forward, max(weight, input))
}

export function conv2dForward(
  y: usize,
  x: usize,
  w: usize,
  bias: usize,
  batch: i32,
  filters: i32,
  channels: i32,
  height: i32,
  width: i32,
  kernelH: i32,
  kernelW: i32,
  strideH: i32,
  strideW: i32,
  padH: i32,
  padW: i32,
  outH: i32,
  outW: i32,
  work: usize,
): void {
  const patch = channels * kernelH * kernelW
  const p = outH * outW
  const cols = work
  const gemmWork = work + colsBytes(channels, kernelH, kernelW, outH, outW)
  const inBytes = (<usize>channels * height * width) << 2
  const outBytes = (<usize>filters * p) << 2
  for (let n = 0; n < batch; n++) {
    const xn = x + <usize>n * inBytes
    im2col(cols, xn, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW)
    gemm(y + <usize>n * outBytes, w, cols, filters, p, patch, false, false, false, gemmWork)
  }
  if (bias != 0) addChannelBias(y, bias, batch, filters, p)
}

export function conv2dBackward(
  dx: usize,
  dw: usize,
  db: usize,
  dy: usize,
  x: usize,
  w: usize,
  batch: i32,
  filters: i32,
  channels: i32,
  height: i32,
  width: i32,
  kernelH: i32,
  kernelW: i32,
  strideH: i32,
  strideW: i32,
  padH: i32,
  padW: i32,
  outH: i32,
  outW: i32,
  work: usize,
): void {
  const patch = channels * kernelH * kernelW
  const p = outH * outW
  const cols = work
  const gemmWork = work + colsBytes(channels, kernelH, kernelW, outH, outW)
  const inBytes = (<usize>channels * height * width) << 2
  const outBytes = (<usize>filters * p) << 2
  if (db != 0) sumChannels(db, dy, batch, filters, p)
  for (let n = 0; n < batch; n++) {
    const xn = x + <usize>n * inBytes
    const dyn = dy + <usize>n * outBytes
    im2col(cols, xn, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW)
    gemm(dw, dyn, cols, filters, patch, p, false, true, true, gemmWork)
    if (dx == 0) continue
    gemm(cols, w, dyn, patch, p, filters, true, false, false, gemmWork) // X′ is free: it holds ∂X′
    const dxn = dx + <usize>n * inBytes
    memory.fill(dxn, 0, inBytes)
    col2im(dxn, cols, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW)
  }
}
