import { addChannelBias, sumChannels } from './bias'
import { col2im, im2col } from './columns'
import { gemm, gemmWorkspaceBytes } from './gemm'

/**
 * Convolution of a whole batch in one call (lecture ①–③ and their backward), image by image, so the
 * column matrix X′ of one image (C·KH·KW, P), P = OH·OW, never leaves wasm memory and stays in cache:
 *
 *   forward   for each image n:  X′ = im2col(x_n);  y_n (M, P) = F (M, C·KH·KW) · X′;  then y += b[m]
 *   backward  ∂b += Σ_n Σ_positions Δ_n                        (when db ≠ 0)
 *             for each chunk c of CONV2D_CHUNK = 8 images, in order:
 *               for each image n of the chunk:  X′ = im2col(x_n)
 *                                               ∂F_c (=, then +=) Δ_n (M, P) · X′ᵗ
 *                                               ∂X′ = Fᵗ Δ_n;  dx_n = col2im(∂X′)  (=; only when dx ≠ 0)
 *               ∂F += ∂F_c
 *
 * y_n is written straight into its place in y (N, M, P): no reorder pass. ∂F is summed in a fixed
 * grouping (images in order within a chunk, chunks in order), so worker threads can each take whole
 * chunks and the result is bit-identical for any thread count, without keeping the batch's X′.
 * Pointer 0 means "none" (no bias, no ∂b, no ∂x: the first layer of a network needs no input
 * gradient); the heap never places a buffer at 0 (static data lives there). Workspace `work`
 * (conv2dWorkspaceBytes): one chunk's ∂F, X′, then GEMM's.
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
  const partial = partialBytes(filters * patch) // backward: one chunk's ∂F, then the rest
  return partial + colsBytes(channels, kernelH, kernelW, outH, outW) + max(forward, max(weight, input))
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
  const weights = filters * channels * kernelH * kernelW
  const partial = work
  const rest = work + partialBytes(weights)
  if (db != 0) sumChannels(db, dy, batch, filters, outH * outW)
  const chunks = conv2dChunks(batch)
  for (let c = 0; c < chunks; c++) {
    conv2dBackwardChunks(
      partial,
      dx,
      dy,
      x,
      w,
      batch,
      filters,
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
      rest,
      c,
      c + 1,
    )
    addPartials(dw, partial, 1, weights)
  }
}

/** Images per partial sum of ∂F (fixed: the grouping, not the thread count, sets the sum order). */
export const CONV2D_CHUNK: i32 = 8

/** Chunks of CONV2D_CHUNK images in a batch (the last may be shorter). */
export function conv2dChunks(batch: i32): i32 {
  return (batch + CONV2D_CHUNK - 1) / CONV2D_CHUNK
}

/** Bytes of one chunk's ∂F partial (M·C·KH·KW floats), 64-byte aligned. */
export function partialBytes(weights: i32): usize {
  return (((<usize>weights) << 2) + 63) & ~(<usize>63)
}

/**
 * Chunks c0…c1 of the backward: for each chunk c (images n0 = c·CHUNK … n1), the partial
 * ∂F_c = Σ_{n0 ≤ n < n1} Δ_n X′_nᵗ (in order, written, =) at partials + (c − c0)·partialBytes, and
 * dx_n = col2im(FᵗΔ_n) for those images (when dx ≠ 0). Threads take disjoint chunk ranges
 * (src/engine/kernels/parallel/threaded-conv2d.ts); ∂F then adds the partials in chunk order.
 * `work`: this thread's own, conv2dWorkspaceBytes minus one partial.
 */
export function conv2dBackwardChunks(
  partials: usize,
  dx: usize,
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
  c0: i32,
  c1: i32,
): void {
  const patch = channels * kernelH * kernelW
  const p = outH * outW
  const cols = work
  const gemmWork = work + colsBytes(channels, kernelH, kernelW, outH, outW)
  const inBytes = (<usize>channels * height * width) << 2
  const outBytes = (<usize>filters * p) << 2
  for (let c = c0; c < c1; c++) {
    const partial = partials + <usize>(c - c0) * partialBytes(filters * patch)
    const n0 = c * CONV2D_CHUNK
    const n1 = min(batch, n0 + CONV2D_CHUNK)
    for (let n = n0; n < n1; n++) {
      const xn = x + <usize>n * inBytes
      const dyn = dy + <usize>n * outBytes
      im2col(cols, xn, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW)
      gemm(partial, dyn, cols, filters, patch, p, false, true, n > n0, gemmWork)
      if (dx == 0) continue
      gemm(cols, w, dyn, patch, p, filters, true, false, false, gemmWork) // X′ is free: it holds ∂X′
      const dxn = dx + <usize>n * inBytes
      memory.fill(dxn, 0, inBytes)
      col2im(dxn, cols, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW)
    }
  }
}

/** dw[0…size] += partials[0], then += partials[1] … (count partials of partialBytes(size) each). */
export function addPartials(dw: usize, partials: usize, count: i32, size: i32): void {
  const stride = partialBytes(size)
  const bytes = (<usize>size) << 2
  for (let c = 0; c < count; c++) {
    const src = partials + <usize>c * stride
    let q: usize = 0
    for (; q + 16 <= bytes; q += 16) v128.store(dw + q, f32x4.add(v128.load(dw + q), v128.load(src + q)))
    for (; q < bytes; q += 4) store<f32>(dw + q, load<f32>(dw + q) + load<f32>(src + q))
  }
}
