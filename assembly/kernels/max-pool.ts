/**
 * Max pooling, lecture transforms ④–⑤: each KH×KW window gives its maximum (行ごとに最大値を求める),
 * and the position of that maximum is remembered (最大値の位置を記憶) for backward.
 *
 *   x (P, H, W) → y (P, OH, OW), argmax (P, OH, OW)       P = N·C planes
 *   y[p, oy, ox] = max over the window of x inside the image;  argmax = its flat index p·H·W + iy·W + ix
 *
 * As PyTorch and the JS reference: padding never wins, the first maximum in row-major window order
 * wins a tie, a NaN wins over numbers (a later NaN over an earlier one), and a window wholly in the
 * padding gives y = 0, argmax −1.
 *
 * Speed: with real data "is this pixel larger?" is a coin toss, so a branch on it is mispredicted
 * half the time (and V8 compiles a float select into a branch). Both paths are branch-free instead:
 *   - four neighbouring outputs at once whose windows lie inside the image: for each window position
 *     (ky, kx) in order, the four candidates form one vector (one load for stride 1, two loads and a
 *     shuffle of the even lanes for stride 2, four lane loads otherwise), and lane masks
 *     take = (v > best) | (v ≠ v) pick value and index (v128.bitselect);
 *   - every other output (at the image border) on its own, selecting the float's bits as an integer
 *     (an integer select is a conditional move).
 */
export function maxPoolForward(
  y: usize,
  argmax: usize,
  x: usize,
  planes: i32,
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
): void {
  const inPlane = height * width
  // Outputs ox in [inLo, inHi) have windows inside the image horizontally (no clipping at all).
  const inLo = min(outW, (padW + strideW - 1) / strideW)
  const room = width - kernelW + padW // the last inside window starts at ox·strideW − padW ≤ W − KW
  const inHi = room < 0 ? inLo : max(inLo, min(outW, room / strideW + 1))
  let out: usize = 0
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const rowInside = top >= 0 && top + kernelH <= height
      let ox = 0
      while (ox < outW) {
        if (rowInside && ox >= inLo && ox + 4 <= inHi) {
          maxPool4(
            y + out,
            argmax + out,
            x,
            base + top * width + ox * strideW - padW,
            width,
            kernelH,
            kernelW,
            strideW,
          )
          ox += 4
          out += 16
        } else {
          maxPool1(y + out, argmax + out, x, base, height, width, top, ox * strideW - padW, kernelH, kernelW)
          ox++
          out += 4
        }
      }
    }
  }
}

/** One window at (top, left), clipped to the image; scalar, branch-free selection. */
function maxPool1(
  y: usize,
  argmax: usize,
  x: usize,
  base: i32,
  height: i32,
  width: i32,
  top: i32,
  left: i32,
  kernelH: i32,
  kernelW: i32,
): void {
  const y0 = max(0, top)
  const y1 = min(height, top + kernelH)
  const x0 = max(0, left)
  const x1 = min(width, left + kernelW)
  let bits = 0 // the float 0, for a window wholly in the padding
  let at = -1
  if (y0 < y1 && x0 < x1) {
    at = base + y0 * width + x0
    bits = load<i32>(x + ((<usize>at) << 2))
    for (let iy = y0; iy < y1; iy++) {
      for (let i = base + iy * width + x0, end = i + x1 - x0; i < end; i++) {
        const v = load<f32>(x + ((<usize>i) << 2))
        const best = reinterpret<f32>(bits)
        const take = (v > best) | (v != v) // the first pixel against itself: false, or NaN for NaN
        bits = select<i32>(reinterpret<i32>(v), bits, take)
        at = select<i32>(i, at, take)
      }
    }
  }
  store<i32>(y, bits)
  store<i32>(argmax, at)
}

/**
 * Four outputs whose windows lie inside the image; `first` is the flat index of the top-left pixel
 * of the first window, the others start strideW further each.
 */
function maxPool4(
  y: usize,
  argmax: usize,
  x: usize,
  first: i32,
  width: i32,
  kernelH: i32,
  kernelW: i32,
  strideW: i32,
): void {
  const lanes = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(strideW))
  let best = f32x4.splat(0)
  let at = i32x4.splat(0)
  for (let ky = 0; ky < kernelH; ky++) {
    for (let kx = 0; kx < kernelW; kx++) {
      const i = first + ky * width + kx // window pixel (ky, kx) of the first output
      const p = x + ((<usize>i) << 2)
      let v: v128
      if (strideW == 1) v = v128.load(p)
      else if (strideW == 2 && kx + 1 < kernelW)
        v = v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6)
      else {
        const step = (<usize>strideW) << 2
        v = f32x4(load<f32>(p), load<f32>(p + step), load<f32>(p + 2 * step), load<f32>(p + 3 * step))
      }
      const index = i32x4.add(i32x4.splat(i), lanes)
      if (ky == 0 && kx == 0) {
        best = v
        at = index
      } else {
        const take = v128.or(f32x4.gt(v, best), f32x4.ne(v, v))
        best = v128.bitselect(v, best, take)
        at = v128.bitselect(index, at, take)
      }
    }
  }
  v128.store(y, best)
  v128.store(argmax, at)
}

/**
 * dx[argmax[i]] += dy[i] for i < outSize (nothing for argmax −1). Returns −1, or the first i whose
 * argmax points past dx (dxSize values): the caller reports it, and nothing past that i was added.
 */
export function maxPoolBackward(dx: usize, dy: usize, argmax: usize, outSize: i32, dxSize: i32): i32 {
  for (let i = 0; i < outSize; i++) {
    const at = load<i32>(argmax + ((<usize>i) << 2))
    if (at < 0) continue
    if (at >= dxSize) return i
    const to = dx + ((<usize>at) << 2)
    store<f32>(to, load<f32>(to) + load<f32>(dy + ((<usize>i) << 2)))
  }
  return -1
}
