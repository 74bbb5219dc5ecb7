import { ShapeError } from '../../errors'
import type { Conv2dGeometry } from '../kernel-types'
import { geometryLayout, planeSizes, requireLength } from './check'

/**
 * Max pooling, lecture transforms ④–⑤: each KH×KW window (変換④: windows as the rows of X') gives
 * its maximum (行ごとに最大値を求める) and the position of that maximum is remembered (最大値の位置を
 * 記憶) so backward routes the error to it alone (⑤ reshapes the row results to (OH, OW)).
 *
 *   x (P, H, W) → y (P, OH, OW), argmax (P, OH, OW)       P = g.channels = N·C planes
 *   y[p, oy, ox] = max { x[p, iy, ix] : iy ∈ [oy·sH − pH, … + KH), ix ∈ [ox·sW − pW, … + KW), inside }
 *   argmax       = flat index p·H·W + iy·W + ix in x of that maximum
 *
 * Like PyTorch: padding never wins (it acts as −∞), the first maximum in row-major window order wins a
 * tie, and a NaN wins over numbers (so it propagates). A window lying wholly in the padding (impossible
 * when padding ≤ half the window) gives y = 0 and argmax = −1.
 * Lecture example: the 4×4 image 1…16, 2×2 windows, stride 2 → [[6, 8], [14, 16]].
 */
export function maxPoolForward(
  y: Float32Array,
  argmax: Int32Array,
  x: Float32Array,
  g: Conv2dGeometry,
): void {
  const { channels: planes, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  const { inPlane, outPlane } = planeSizes(g)
  requireLength('maxPoolForward', 'x', x, planes * inPlane, geometryLayout(g, 'in'))
  requireLength('maxPoolForward', 'y', y, planes * outPlane, geometryLayout(g, 'out'))
  requireLength('maxPoolForward', 'argmax', argmax, planes * outPlane, geometryLayout(g, 'out'))
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
        let best = 0
        let at = -1
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0, i = base + iy * width + x0; ix < x1; ix++, i++) {
            const v = x[i]
            if (at < 0 || v > best || v !== v) {
              best = v
              at = i
            }
          }
        }
        y[out] = best
        argmax[out] = at
      }
    }
  }
}

/**
 * Backward of max pooling (プーリング層での逆伝播): dx[argmax[i]] += dy[i] for i < outSize, nothing for
 * argmax −1. dx is the gradient of x (P, H, W), dy and argmax are (P, OH, OW) with outSize entries.
 * Accumulates (+=): overlapping windows that chose the same pixel add up.
 */
export function maxPoolBackward(
  dx: Float32Array,
  dy: Float32Array,
  argmax: Int32Array,
  outSize: number,
): void {
  requireLength('maxPoolBackward', 'dy', dy, outSize, `of ${outSize} outputs`)
  requireLength('maxPoolBackward', 'argmax', argmax, outSize, `of ${outSize} outputs`)
  for (let i = 0; i < outSize; i++) {
    const at = argmax[i]
    if (at < 0) continue
    if (at >= dx.length) {
      throw new ShapeError(
        `maxPoolBackward: argmax[${i}] = ${at} points past dx of ${dx.length} values; ` +
          `pass the dx of the x given to maxPoolForward`,
      )
    }
    dx[at] += dy[i]
  }
}
