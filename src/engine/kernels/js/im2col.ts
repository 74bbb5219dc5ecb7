import type { Conv2dGeometry } from '../kernel-types'
import { geometryLayout, requireLength } from './check'

/**
 * Lecture transform ① (入力画像の変換): one image as the matrix X' whose columns are its windows.
 *
 *   x[xOffset …] (C, H, W) → cols (C·KH·KW, OH·OW)
 *   cols[(c·KH + ky)·KW + kx, oy·OW + ox] = x[c, oy·sH + ky − pH, ox·sW + kx − pW]   (0 outside: zero padding)
 *
 * With the filters flattened to F (M, C·KH·KW) (transform ②), F·X' is the convolution
 * g(x, y) = Σ_k Σ_l h(k, l) f(x + k, y + l) of every filter at every position (③ reshapes it).
 * Lecture example: the 4×4 image 1…16 with a 2×2 window gives the rows
 * [1 2 3 5 6 7 9 10 11], [2 3 4 6 7 8 10 11 12], [5 6 7 9 10 11 13 14 15], [6 7 8 10 11 12 14 15 16].
 * Every entry of cols is written (no need to clear it). No allocation.
 */
export function im2col(cols: Float32Array, x: Float32Array, xOffset: number, g: Conv2dGeometry): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  requireLength(
    'im2col',
    'x',
    x,
    xOffset + channels * height * width,
    `${geometryLayout(g, 'in')} at ${xOffset}`,
  )
  const positions = outH * outW
  requireLength('im2col', 'cols', cols, channels * kernelH * kernelW * positions, `(C·KH·KW, OH·OW)`)
  let row = 0
  for (let c = 0; c < channels; c++) {
    const plane = xOffset + c * height * width
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++, row++) {
        let out = row * positions
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * strideH + ky - padH
          if (iy < 0 || iy >= height) {
            cols.fill(0, out, out + outW)
            out += outW
            continue
          }
          const line = plane + iy * width
          for (let ox = 0; ox < outW; ox++, out++) {
            const ix = ox * strideW + kx - padW
            cols[out] = ix >= 0 && ix < width ? x[line + ix] : 0
          }
        }
      }
    }
  }
}
