/**
 * Lp pooling (lecture ④–⑤ with the p-norm of each window):
 *
 *   x (P, H, W) → y (P, OH, OW)      P = N·C planes, p ≥ 1 (checked by the caller)
 *   y = (Σ_window |x|^p)^(1/p) = m·(Σ (|x|/m)^p)^(1/p),  m = max |x| of the window (no overflow)
 *   ∂x += Δ · sign(x) (|x| / y)^(p−1),   0 where y = 0 (no gradient for an all-zero window)
 *
 * |x|^p rather than PyTorch's x^p, so every input has a value (equal to LPPool2d applied to |x|).
 * float64 throughout (AssemblyScript's Math.pow, a port of musl's), as in the JS reference: powers of
 * values near the window's maximum are sensitive, and the cost (a pow per pixel per window) is the
 * same in either precision. Scalar. Pointers in bytes.
 */
export function lpPoolForward(
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
  p: f64,
): void {
  const inPlane = height * width
  let out = y
  for (let plane = 0; plane < planes; plane++) {
    const base = x + ((<usize>plane * inPlane) << 2)
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = max(0, top)
      const y1 = min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out += 4) {
        const left = ox * strideW - padW
        const x0 = max(0, left)
        const x1 = min(width, left + kernelW)
        let largest: f64 = 0
        for (let iy = y0; iy < y1; iy++) {
          const line = base + ((<usize>iy * width) << 2)
          for (let ix = x0; ix < x1; ix++)
            largest = max(largest, Math.abs(<f64>load<f32>(line + ((<usize>ix) << 2))))
        }
        let sum: f64 = 0
        if (largest > 0) {
          for (let iy = y0; iy < y1; iy++) {
            const line = base + ((<usize>iy * width) << 2)
            for (let ix = x0; ix < x1; ix++) {
              sum += Math.pow(Math.abs(<f64>load<f32>(line + ((<usize>ix) << 2))) / largest, p)
            }
          }
        }
        store<f32>(out, <f32>(largest > 0 ? largest * Math.pow(sum, 1 / p) : largest))
      }
    }
  }
}

export function lpPoolBackward(
  dx: usize,
  dy: usize,
  x: usize,
  y: usize,
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
  p: f64,
): void {
  const inPlane = height * width
  let out: usize = 0
  for (let plane = 0; plane < planes; plane++) {
    const offset = (<usize>plane * inPlane) << 2
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = max(0, top)
      const y1 = min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out += 4) {
        const norm = <f64>load<f32>(y + out)
        if (!(norm > 0)) continue
        const delta = <f64>load<f32>(dy + out)
        const left = ox * strideW - padW
        const x0 = max(0, left)
        const x1 = min(width, left + kernelW)
        for (let iy = y0; iy < y1; iy++) {
          const line = offset + ((<usize>iy * width) << 2)
          for (let ix = x0; ix < x1; ix++) {
            const at = line + ((<usize>ix) << 2)
            const v = <f64>load<f32>(x + at)
            const g = delta * Math.sign(v) * Math.pow(Math.abs(v) / norm, p - 1)
            store<f32>(dx + at, <f32>(<f64>load<f32>(dx + at) + g))
          }
        }
      }
    }
  }
}
