import { col2im, im2col } from './columns'
import { gemm } from './gemm'
import { gemmPanel } from './threaded-gemm'

/**
 * The two parallel phases of conv2d.ts's backward, for worker threads (src/engine/kernels/parallel/):
 *
 *   conv2dBackward (one thread)        for n: X′ = im2col(x_n); ∂F += Δ_n X′ᵗ; dx_n = col2im(Fᵗ Δ_n)
 *
 *   phase 1, images n0…n1 per thread   X′_n = im2col(x_n) kept in cols + n·(C·KH·KW·P);
 *   (conv2dColumnsAndInputGrad)        dx_n = col2im(Fᵗ Δ_n)  (when dx ≠ 0)
 *   phase 2, a panel of ∂F per thread  for n = 0 … N−1 in order: ∂F[panel] += Δ_n X′_nᵗ
 *   (conv2dWeightGradPanel)
 *
 * Each dx_n is one image's (no sum across images), and each element of ∂F is summed over the images
 * in the same order, by one thread, with gemm's operations (threaded-gemm.ts): the result equals the
 * single-thread kernel's bit for bit. The price: phase 1 keeps every image's X′ (the whole batch's
 * column matrix) instead of one at a time. ∂b stays with the caller (sumChannels, before phase 1,
 * as conv2d.ts). The forward needs no new code: images are independent, so each thread runs
 * conv2dForward on its own images. Pointers in bytes; `work` is this thread's own workspace.
 */
export function conv2dColumnsAndInputGrad(
  cols: usize,
  dx: usize,
  dy: usize,
  x: usize,
  w: usize,
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
  n0: i32,
  n1: i32,
): void {
  const patch = channels * kernelH * kernelW
  const p = outH * outW
  const colBytes = (<usize>patch * p) << 2
  const inBytes = (<usize>channels * height * width) << 2
  const outBytes = (<usize>filters * p) << 2
  // ∂X′ of one image, 64-byte aligned, then gemm's workspace
  const grad = work
  const gemmWork = work + ((colBytes + 63) & ~(<usize>63))
  for (let n = n0; n < n1; n++) {
    const xn = x + <usize>n * inBytes
    im2col(
      cols + <usize>n * colBytes,
      xn,
      channels,
      height,
      width,
      kernelH,
      kernelW,
      strideH,
      strideW,
      padH,
      padW,
      outH,
      outW,
    )
    if (dx == 0) continue
    gemm(grad, w, dy + <usize>n * outBytes, patch, p, filters, true, false, false, gemmWork)
    const dxn = dx + <usize>n * inBytes
    memory.fill(dxn, 0, inBytes)
    col2im(dxn, grad, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW)
  }
}

export function conv2dWeightGradPanel(
  dw: usize,
  dy: usize,
  cols: usize,
  batch: i32,
  filters: i32,
  patch: i32,
  positions: i32,
  work: usize,
  i0: i32,
  i1: i32,
  j0: i32,
  j1: i32,
): void {
  const colBytes = (<usize>patch * positions) << 2
  const outBytes = (<usize>filters * positions) << 2
  for (let n = 0; n < batch; n++) {
    const dyn = dy + <usize>n * outBytes
    gemmPanel(
      dw,
      dyn,
      cols + <usize>n * colBytes,
      filters,
      patch,
      positions,
      false,
      true,
      true,
      work,
      i0,
      i1,
      j0,
      j1,
    )
  }
}
