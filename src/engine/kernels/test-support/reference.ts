import type { Conv2dGeometry, PoolMode } from '../kernel-types'

/**
 * Naive float64 references for the kernel suite, written from the definitions and nothing else
 * (no tiling, no shared code with any backend), so a backend is compared with the math itself.
 */

/** A window geometry with PyTorch's floor rule for the output size (the kernels accept any such). */
export function geometry(
  channels: number,
  height: number,
  width: number,
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
): Conv2dGeometry {
  const [kernelH, kernelW] = kernel
  const [strideH, strideW] = stride
  const [padH, padW] = padding
  return {
    channels,
    height,
    width,
    kernelH,
    kernelW,
    strideH,
    strideW,
    padH,
    padW,
    outH: Math.floor((height - kernelH + 2 * padH) / strideH) + 1,
    outW: Math.floor((width - kernelW + 2 * padW) / strideW) + 1,
  }
}

/** C = op(A)·op(B) and, per entry, Σ_p |A_ip B_pj| (the scale of any float32 rounding error). */
export function gemmReference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n)
  const scale = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) {
        const term = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j])
        value[i * n + j] += term
        scale[i * n + j] += Math.abs(term)
      }
    }
  }
  return { value, scale }
}

/** x[c, iy, ix] of one image at `offset`, 0 outside (zero padding). */
export function pixel(
  x: ArrayLike<number>,
  offset: number,
  g: Conv2dGeometry,
  c: number,
  iy: number,
  ix: number,
): number {
  if (iy < 0 || iy >= g.height || ix < 0 || ix >= g.width) return 0
  return x[offset + (c * g.height + iy) * g.width + ix]
}

/**
 * Every entry of a column matrix X′ (C·KH·KW, OH·OW) by the definition of im2col (lecture ①): row
 * r = (c·KH + ky)·KW + kx and column p = oy·OW + ox hold input pixel (c, iy, ix) with
 * iy = oy·sH + ky − pH, ix = ox·sW + kx − pW, which may lie in the padding (`inside` false).
 */
export function forEachColumnEntry(
  g: Conv2dGeometry,
  visit: (r: number, p: number, c: number, iy: number, ix: number, inside: boolean) => void,
): void {
  for (let c = 0, r = 0; c < g.channels; c++) {
    for (let ky = 0; ky < g.kernelH; ky++) {
      for (let kx = 0; kx < g.kernelW; kx++, r++) {
        for (let oy = 0; oy < g.outH; oy++) {
          for (let ox = 0; ox < g.outW; ox++) {
            const iy = oy * g.strideH + ky - g.padH
            const ix = ox * g.strideW + kx - g.padW
            const inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width
            visit(r, oy * g.outW + ox, c, iy, ix, inside)
          }
        }
      }
    }
  }
}

/** Direct cross-correlation of one image with M filters F (M, C, KH, KW): out (M, OH, OW). */
export function convolveDirect(
  x: ArrayLike<number>,
  filters: ArrayLike<number>,
  m: number,
  g: Conv2dGeometry,
): Float64Array {
  const out = new Float64Array(m * g.outH * g.outW)
  for (let f = 0; f < m; f++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        let sum = 0
        for (let c = 0; c < g.channels; c++) {
          for (let ky = 0; ky < g.kernelH; ky++) {
            for (let kx = 0; kx < g.kernelW; kx++) {
              const h = filters[((f * g.channels + c) * g.kernelH + ky) * g.kernelW + kx]
              sum += h * pixel(x, 0, g, c, oy * g.strideH + ky - g.padH, ox * g.strideW + kx - g.padW)
            }
          }
        }
        out[(f * g.outH + oy) * g.outW + ox] = sum
      }
    }
  }
  return out
}

/** Window members of output (plane, oy, ox): flat indices into x, padding positions left out. */
export function windowIndices(g: Conv2dGeometry, plane: number, oy: number, ox: number): number[] {
  const members: number[] = []
  for (let ky = 0; ky < g.kernelH; ky++) {
    for (let kx = 0; kx < g.kernelW; kx++) {
      const iy = oy * g.strideH + ky - g.padH
      const ix = ox * g.strideW + kx - g.padW
      if (iy >= 0 && iy < g.height && ix >= 0 && ix < g.width)
        members.push((plane * g.height + iy) * g.width + ix)
    }
  }
  return members
}

/** Pooling by definition in float64; for max also the first-maximum index (−1 for an empty window). */
export function poolReference(
  x: ArrayLike<number>,
  g: Conv2dGeometry,
  mode: PoolMode,
  p = 2,
): { y: Float64Array; argmax: Int32Array } {
  const size = g.channels * g.outH * g.outW
  const y = new Float64Array(size)
  const argmax = new Int32Array(size).fill(-1)
  let out = 0
  for (let plane = 0; plane < g.channels; plane++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++, out++) {
        const members = windowIndices(g, plane, oy, ox)
        const values = members.map((i) => x[i])
        if (mode === 'max') {
          if (members.length === 0) continue
          const best = Math.max(...values)
          y[out] = best
          argmax[out] = members[values.indexOf(best)]
        } else if (mode === 'avg') {
          y[out] = values.reduce((s, v) => s + v, 0) / (g.kernelH * g.kernelW)
        } else {
          y[out] = Math.pow(
            values.reduce((s, v) => s + Math.pow(Math.abs(v), p), 0),
            1 / p,
          )
        }
      }
    }
  }
  return { y, argmax }
}

/**
 * ∂/∂x of L(x) = Σ f(x)·dy by central differences in float64: (L(x + h e_i) − L(x − h e_i)) / 2h.
 * With a float64 f and h = 1e−6 the error is O(h²) + O(1e−16/h), about 1e−9 for smooth f.
 */
export function centralDifferences(
  f: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  h = 1e-6,
): Float64Array {
  const point = Float64Array.from(x)
  const grad = new Float64Array(point.length)
  const loss = (): number => {
    const y = f(point)
    let sum = 0
    for (let i = 0; i < y.length; i++) sum += y[i] * dy[i]
    return sum
  }
  for (let i = 0; i < point.length; i++) {
    const original = point[i]
    point[i] = original + h
    const plus = loss()
    point[i] = original - h
    const minus = loss()
    point[i] = original
    grad[i] = (plus - minus) / (2 * h)
  }
  return grad
}
