/**
 * Lecture transform ① (入力画像の変換) and its adjoint, on one image of (C, H, W):
 *
 *   im2col  cols[(c·KH + ky)·KW + kx, oy·OW + ox] = x[c, oy·sH + ky − pH, ox·sW + kx − pW]  (0 outside)
 *   col2im  dx[c, oy·sH + ky − pH, ox·sW + kx − pW] += cols[(c·KH + ky)·KW + kx, oy·OW + ox]  (padding dropped)
 *
 * cols is (C·KH·KW, OH·OW): F (M, C·KH·KW) · cols is the convolution (transforms ② and ③).
 * For each row (c, ky, kx) of cols, the outputs ox whose input column ix = ox·sW + kx − pW lies inside
 * the image form one interval [lo, hi) (columnRange), the same for every oy. So each output row is
 * zeros | a run of pixels | zeros, and with stride 1 the run is consecutive in x: copied (or, for
 * col2im, added) four floats at a time. Other strides gather one pixel at a time.
 * Every entry of cols is written by im2col; col2im accumulates (+=) into dx. Pointers in bytes.
 */

/** First ox with ox·stride + offset ≥ 0 (offset = kx − pW), clamped to [0, outW]. */
function firstInside(offset: i32, stride: i32, outW: i32): i32 {
  if (offset >= 0) return 0
  return min(outW, (-offset + stride - 1) / stride)
}

/** First ox with ox·stride + offset ≥ width, clamped to [lo, outW]. */
function firstPast(offset: i32, stride: i32, width: i32, lo: i32, outW: i32): i32 {
  const need = width - offset // ox·stride ≥ need
  if (need <= 0) return lo
  return max(lo, min(outW, (need + stride - 1) / stride))
}

/** dst[0…count] = 0, inline: the runs are a few floats, where a memory.fill call costs more than the stores. */
function zero(dst: usize, count: i32): void {
  const bytes = (<usize>count) << 2
  let q: usize = 0
  for (; q + 16 <= bytes; q += 16) v128.store(dst + q, v128.splat<i32>(0))
  for (; q < bytes; q += 4) store<f32>(dst + q, 0)
}

export function im2col(
  cols: usize,
  x: usize,
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
): void {
  let out = cols
  const lineBytes = (<usize>outW) << 2
  for (let c = 0; c < channels; c++) {
    const plane = x + ((<usize>c * height * width) << 2)
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++) {
        const offset = kx - padW
        const lo = firstInside(offset, strideW, outW)
        const hi = firstPast(offset, strideW, width, lo, outW)
        for (let oy = 0; oy < outH; oy++, out += lineBytes) {
          const iy = oy * strideH + ky - padH
          if (iy < 0 || iy >= height) {
            zero(out, outW)
            continue
          }
          const line = plane + ((<usize>iy * width) << 2)
          zero(out, lo)
          if (strideW == 1) copy(out + ((<usize>lo) << 2), line + ((<usize>(lo + offset)) << 2), hi - lo)
          else {
            for (let ox = lo; ox < hi; ox++) {
              store<f32>(out + ((<usize>ox) << 2), load<f32>(line + ((<usize>(ox * strideW + offset)) << 2)))
            }
          }
          zero(out + ((<usize>hi) << 2), outW - hi)
        }
      }
    }
  }
}

export function col2im(
  dx: usize,
  cols: usize,
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
): void {
  let row = cols
  const lineBytes = (<usize>outW) << 2
  for (let c = 0; c < channels; c++) {
    const plane = dx + ((<usize>c * height * width) << 2)
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++) {
        const offset = kx - padW
        const lo = firstInside(offset, strideW, outW)
        const hi = firstPast(offset, strideW, width, lo, outW)
        for (let oy = 0; oy < outH; oy++, row += lineBytes) {
          const iy = oy * strideH + ky - padH
          if (iy < 0 || iy >= height) continue
          const line = plane + ((<usize>iy * width) << 2)
          if (strideW == 1) addTo(line + ((<usize>(lo + offset)) << 2), row + ((<usize>lo) << 2), hi - lo)
          else {
            for (let ox = lo; ox < hi; ox++) {
              const at = line + ((<usize>(ox * strideW + offset)) << 2)
              store<f32>(at, load<f32>(at) + load<f32>(row + ((<usize>ox) << 2)))
            }
          }
        }
      }
    }
  }
}

/**
 * dst[0…count] = src[0…count], four floats at a time (runs are short: memory.copy's call costs more).
 * A run of at least 4 ends with one vector over its last four floats, overlapping the one before
 * (the same values written twice) instead of a scalar tail: LeNet-5 conv2's rows are 10 floats.
 */
function copy(dst: usize, src: usize, count: i32): void {
  const bytes = (<usize>count) << 2
  if (count < 4) {
    for (let q: usize = 0; q < bytes; q += 4) store<f32>(dst + q, load<f32>(src + q))
    return
  }
  let q: usize = 0
  for (; q + 16 <= bytes; q += 16) v128.store(dst + q, v128.load(src + q))
  if (q < bytes) v128.store(dst + bytes - 16, v128.load(src + bytes - 16))
}

/** dst[0…count] += src[0…count], four floats at a time. */
function addTo(dst: usize, src: usize, count: i32): void {
  const bytes = (<usize>count) << 2
  let q: usize = 0
  for (; q + 16 <= bytes; q += 16) v128.store(dst + q, f32x4.add(v128.load(dst + q), v128.load(src + q)))
  for (; q < bytes; q += 4) store<f32>(dst + q, load<f32>(dst + q) + load<f32>(src + q))
}
