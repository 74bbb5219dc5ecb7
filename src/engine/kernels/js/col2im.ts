import type { Conv2dGeometry } from '../kernel-types'
import { geometryLayout, requireLength } from './check'

/**
 * The inverse (adjoint) of lecture transform ① (変換①の逆変換): the error Δ·F of the columns goes back
 * to the pixels they were read from, summed where windows overlap.
 *
 *   cols (C·KH·KW, OH·OW) → dx[dxOffset …] (C, H, W)
 *   dx[c, oy·sH + ky − pH, ox·sW + kx − pW] += cols[(c·KH + ky)·KW + kx, oy·OW + ox]   (padding dropped)
 *
 * It is the transpose of im2col as a linear map: ⟨im2col(x), cols⟩ = ⟨x, col2im(cols)⟩.
 * Accumulates (+=) into dx, like every backward kernel. No allocation.
 */
export function col2im(dx: Float32Array, dxOffset: number, cols: Float32Array, g: Conv2dGeometry): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  requireLength(
    'col2im',
    'dx',
    dx,
    dxOffset + channels * height * width,
    `${geometryLayout(g, 'in')} at ${dxOffset}`,
  )
  const positions = outH * outW
  requireLength('col2im', 'cols', cols, channels * kernelH * kernelW * positions, `(C·KH·KW, OH·OW)`)
  let row = 0
  for (let c = 0; c < channels; c++) {
    const plane = dxOffset + c * height * width
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++, row++) {
        const rowStart = row * positions
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * strideH + ky - padH
          if (iy < 0 || iy >= height) continue
          const line = plane + iy * width
          const out = rowStart + oy * outW
          for (let ox = 0; ox < outW; ox++) {
            const ix = ox * strideW + kx - padW
            if (ix >= 0 && ix < width) dx[line + ix] += cols[out + ox]
          }
        }
      }
    }
  }
}
