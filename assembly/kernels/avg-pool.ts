/**
 * Average pooling (lecture ④–⑤ with the mean of each window instead of the maximum):
 *
 *   x (P, H, W) → y (P, OH, OW)       P = N·C planes
 *   y[p, oy, ox] = (1/(KH·KW)) Σ x over the window, zero padding counted (PyTorch count_include_pad)
 *   backward: every pixel of a window receives dy/(KH·KW) (the padding's share is dropped); dx += …
 *
 * The window is clipped to the image once per output. The arithmetic is float64, rounded once per
 * stored value, as in the JS reference (so both give the same bits). Scalar: windows are small and
 * the pass is one read of x. Pointers in bytes.
 */
export function avgPoolForward(
  y: usize,
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
  const scale: f64 = 1 / <f64>(kernelH * kernelW)
  let out = y
  for (let p = 0; p < planes; p++) {
    const base = x + ((<usize>p * inPlane) << 2)
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = max(0, top)
      const y1 = min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out += 4) {
        const left = ox * strideW - padW
        const x0 = max(0, left)
        const x1 = min(width, left + kernelW)
        let sum: f64 = 0
        for (let iy = y0; iy < y1; iy++) {
          const line = base + ((<usize>iy * width) << 2)
          for (let ix = x0; ix < x1; ix++) sum += load<f32>(line + ((<usize>ix) << 2))
        }
        store<f32>(out, <f32>(sum * scale))
      }
    }
  }
}

export function avgPoolBackward(
  dx: usize,
  dy: usize,
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
  const scale: f64 = 1 / <f64>(kernelH * kernelW)
  let out = dy
  for (let p = 0; p < planes; p++) {
    const base = dx + ((<usize>p * inPlane) << 2)
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = max(0, top)
      const y1 = min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out += 4) {
        const left = ox * strideW - padW
        const x0 = max(0, left)
        const x1 = min(width, left + kernelW)
        const share = <f64>load<f32>(out) * scale
        for (let iy = y0; iy < y1; iy++) {
          const line = base + ((<usize>iy * width) << 2)
          for (let ix = x0; ix < x1; ix++) {
            const at = line + ((<usize>ix) << 2)
            store<f32>(at, <f32>(<f64>load<f32>(at) + share))
          }
        }
      }
    }
  }
}
