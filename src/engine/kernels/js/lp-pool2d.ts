import { EngineError } from '../../errors'
import type { Conv2dGeometry } from '../kernel-types'
import { geometryLayout, planeSizes, requireLength } from './check'

/**
 * Lp pooling (power-average pooling; lecture ④–⑤ with the p-norm of each window row):
 *
 *   x (P, H, W) → y (P, OH, OW)      P = g.channels = N·C planes, p ≥ 1
 *   y = (Σ_window |x|^p)^(1/p)        p = 1: sum of |x|;  p = 2: Euclidean norm;  p → ∞: max |x|
 *   ∂x = Δ · sign(x) |x|^(p−1) / y^(p−1) = Δ · sign(x) (|x| / y)^(p−1),   0 where y = 0
 *
 * PyTorch's LPPool2d sums x^p (not |x|^p), which is undefined for negative x and odd or fractional
 * p; we take |x|^p so every input has a value, and equal LPPool2d applied to |x| (the fixture does
 * exactly that). The gradient carries sign(x), and is 0 at x = 0 for p = 1 (sign(0) = 0) and 0
 * wherever the window is all zeros (y = 0), where the p-norm has no gradient.
 * Overflow-safe: each window is scaled by its largest |x| before the powers, y = m·(Σ (|x|/m)^p)^(1/p).
 * PyTorch has no padding for Lp pooling; padding here would add zeros, which change nothing.
 */
function requireP(op: string, p: number): void {
  if (!(p >= 1)) {
    throw new EngineError(`${op}: Lp pooling needs p ≥ 1, got p = ${p}; use p = 1, 2, 3 …`)
  }
}

export function lpPoolForward(y: Float32Array, x: Float32Array, g: Conv2dGeometry, p: number): void {
  requireP('lpPoolForward', p)
  const { channels: planes, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  const { inPlane, outPlane } = planeSizes(g)
  requireLength('lpPoolForward', 'x', x, planes * inPlane, geometryLayout(g, 'in'))
  requireLength('lpPoolForward', 'y', y, planes * outPlane, geometryLayout(g, 'out'))
  let out = 0
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = Math.max(0, top)
      const y1 = Math.min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out++) {
        const left = ox * strideW - padW
        const x0 = Math.max(0, left)
        const x1 = Math.min(width, left + kernelW)
        let largest = 0
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * width + x0, end = i + x1 - x0; i < end; i++) {
            largest = Math.max(largest, Math.abs(x[i]))
          }
        }
        let sum = 0
        if (largest > 0) {
          for (let iy = y0; iy < y1; iy++) {
            for (let i = base + iy * width + x0, end = i + x1 - x0; i < end; i++) {
              sum += Math.pow(Math.abs(x[i]) / largest, p)
            }
          }
        }
        y[out] = largest > 0 ? largest * Math.pow(sum, 1 / p) : largest
      }
    }
  }
}

/** Backward of Lp pooling from the forward's x and y: dx += Δ·sign(x)(|x|/y)^(p−1). Accumulates (+=). */
export function lpPoolBackward(
  dx: Float32Array,
  dy: Float32Array,
  x: Float32Array,
  y: Float32Array,
  g: Conv2dGeometry,
  p: number,
): void {
  requireP('lpPoolBackward', p)
  const { channels: planes, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  const { inPlane, outPlane } = planeSizes(g)
  for (const [name, buffer] of [
    ['dx', dx],
    ['x', x],
  ] as const) {
    requireLength('lpPoolBackward', name, buffer, planes * inPlane, geometryLayout(g, 'in'))
  }
  requireLength('lpPoolBackward', 'dy', dy, planes * outPlane, geometryLayout(g, 'out'))
  requireLength('lpPoolBackward', 'y', y, planes * outPlane, geometryLayout(g, 'out'))
  let out = 0
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane
    for (let oy = 0; oy < outH; oy++) {
      const top = oy * strideH - padH
      const y0 = Math.max(0, top)
      const y1 = Math.min(height, top + kernelH)
      for (let ox = 0; ox < outW; ox++, out++) {
        const norm = y[out]
        if (!(norm > 0)) continue
        const delta = dy[out]
        const left = ox * strideW - padW
        const x0 = Math.max(0, left)
        const x1 = Math.min(width, left + kernelW)
        for (let iy = y0; iy < y1; iy++) {
          for (let i = base + iy * width + x0, end = i + x1 - x0; i < end; i++) {
            const v = x[i]
            dx[i] += delta * Math.sign(v) * Math.pow(Math.abs(v) / norm, p - 1)
          }
        }
      }
    }
  }
}
