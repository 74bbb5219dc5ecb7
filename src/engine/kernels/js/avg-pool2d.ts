import type { Conv2dGeometry } from '../kernel-types'
import { geometryLayout, planeSizes, requireLength } from './check'

/**
 * Average pooling (lecture ④–⑤ with the mean instead of the maximum of each window row):
 *
 *   x (P, H, W) → y (P, OH, OW)      P = g.channels = N·C planes
 *   y[p, oy, ox] = (1 / (KH·KW)) Σ x[p, iy, ix] over the window, zero padding counted
 *
 * i.e. PyTorch's avg_pool2d with count_include_pad=True (and ceil_mode=False, so every window lies
 * within the padded image and the divisor is always KH·KW).
 */
export function avgPoolForward(y: Float32Array, x: Float32Array, g: Conv2dGeometry): void {
  const { channels: planes, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  const { inPlane, outPlane } = planeSizes(g)
  requireLength('avgPoolForward', 'x', x, planes * inPlane, geometryLayout(g, 'in'))
  requireLength('avgPoolForward', 'y', y, planes * outPlane, geometryLayout(g, 'out'))
  const scale = 1 / (kernelH * kernelW)
  let out = 0
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = Math.max(0, top)
      const y1 = Math.min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out++) {
        const left = ox * strideW - padW
        const x0 = Math.max(0, left)
        const x1 = Math.min(width, left + kernelW)
        let sum = 0
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * width + x0, end = i + x1 - x0; i < end; i++) sum += x[i]
        }
        y[out] = sum * scale
      }
    }
  }
}

/**
 * Backward of average pooling: every pixel of a window receives dy/(KH·KW) (the padding's share is
 * dropped). dx (P, H, W), dy (P, OH, OW). Accumulates (+=) where windows overlap and into dx.
 */
export function avgPoolBackward(dx: Float32Array, dy: Float32Array, g: Conv2dGeometry): void {
  const { channels: planes, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  const { inPlane, outPlane } = planeSizes(g)
  requireLength('avgPoolBackward', 'dx', dx, planes * inPlane, geometryLayout(g, 'in'))
  requireLength('avgPoolBackward', 'dy', dy, planes * outPlane, geometryLayout(g, 'out'))
  const scale = 1 / (kernelH * kernelW)
  let out = 0
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = Math.max(0, top)
      const y1 = Math.min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out++) {
        const left = ox * strideW - padW
        const x0 = Math.max(0, left)
        const x1 = Math.min(width, left + kernelW)
        const share = dy[out] * scale
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * width + x0, end = i + x1 - x0; i < end; i++) dx[i] += share
        }
      }
    }
  }
}
