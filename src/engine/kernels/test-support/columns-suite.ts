import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import type { Conv2dGeometry } from '../kernel-types'
import { getKernel } from '../registry'
import { F32_U, absDot, dot, expectClose, randomFloats, randomInt } from './close'
import { convolveDirect, forEachColumnEntry, geometry, pixel } from './reference'

/**
 * im2col (lecture ①) and col2im (its inverse) on one backend: every entry against the definition,
 * im2col + gemm against a direct convolution, col2im against a naive scatter, the adjoint identity
 * ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩, offsets into a batch, and accumulation.
 */
function geometries(): Conv2dGeometry[] {
  const fixed = [
    geometry(1, 7, 5, [3, 3], [1, 1], [0, 0]),
    geometry(3, 9, 7, [3, 3], [2, 2], [1, 1]),
    geometry(3, 8, 11, [5, 3], [2, 1], [2, 1]),
    geometry(1, 6, 6, [2, 2], [2, 2], [0, 0]),
    geometry(3, 5, 5, [3, 3], [1, 1], [2, 2]),
    geometry(1, 1, 1, [1, 1], [1, 1], [0, 0]),
    geometry(1, 3, 4, [5, 5], [2, 3], [2, 2]), // the window is larger than the image
  ]
  const rng = new Rng(2002)
  const random: Conv2dGeometry[] = []
  while (random.length < 8) {
    const h = randomInt(rng, 3, 12)
    const w = randomInt(rng, 3, 12)
    const k: [number, number] = [randomInt(rng, 1, 5), randomInt(rng, 1, 5)]
    const pad: [number, number] = [randomInt(rng, 0, 2), randomInt(rng, 0, 2)]
    const g = geometry(rng.int(2) === 0 ? 1 : 3, h, w, k, [randomInt(rng, 1, 3), randomInt(rng, 1, 3)], pad)
    if (g.outH >= 1 && g.outW >= 1) random.push(g)
  }
  return [...fixed, ...random]
}

const name = (g: Conv2dGeometry): string =>
  `C ${g.channels}, ${g.height}×${g.width}, kernel ${g.kernelH}×${g.kernelW}, stride ${g.strideH},${g.strideW}, ` +
  `padding ${g.padH},${g.padW} → ${g.outH}×${g.outW}`

export function columnsSuite(backend: string): void {
  describe('im2col and col2im', () => {
    const rng = new Rng(2003)
    for (const g of geometries()) {
      const rows = g.channels * g.kernelH * g.kernelW
      const positions = g.outH * g.outW
      const inSize = g.channels * g.height * g.width

      it(`im2col matches the definition entry by entry at an offset: ${name(g)}`, () => {
        const batch = randomFloats(rng, 2 * inSize)
        const cols = new Float32Array(rows * positions).fill(Number.NaN) // every entry is written
        getKernel('im2col', backend)(cols, batch, inSize, g)
        forEachColumnEntry(g, (r, p, c, iy, ix) => {
          const expected = pixel(batch, inSize, g, c, iy, ix)
          const got = cols[r * positions + p]
          if (got !== expected) throw new Error(`cols[${r}, ${p}] = ${got}, expected ${expected}`)
        })
      })

      it(`F·im2col(x) is the direct convolution (2 filters): ${name(g)}`, () => {
        const x = randomFloats(rng, inSize)
        const filters = randomFloats(rng, 2 * rows)
        const cols = new Float32Array(rows * positions)
        const out = new Float32Array(2 * positions)
        getKernel('im2col', backend)(cols, x, 0, g)
        getKernel('gemm', backend)(out, filters, cols, 2, positions, rows, false, false, false)
        const expected = convolveDirect(x, filters, 2, g)
        const scale = convolveDirect(x.map(Math.abs), filters.map(Math.abs), 2, g) // Σ|h·f| per output
        expectClose(out, expected, { rtol: 2 * rows * F32_U, atol: 1e-30, scale }, 'convolution')
      })

      it(`col2im is the naive scatter, added to dx at an offset: ${name(g)}`, () => {
        const cols = randomFloats(rng, rows * positions)
        const dx = randomFloats(rng, 2 * inSize)
        const before = dx.slice()
        const expected = Float64Array.from(before)
        const scale = Float64Array.from(before, Math.abs)
        forEachColumnEntry(g, (r, p, c, iy, ix, inside) => {
          if (!inside) return
          const at = inSize + (c * g.height + iy) * g.width + ix
          expected[at] += cols[r * positions + p]
          scale[at] += Math.abs(cols[r * positions + p])
        })
        getKernel('col2im', backend)(dx, inSize, cols, g)
        expect(Array.from(dx.subarray(0, inSize))).toEqual(Array.from(before.subarray(0, inSize)))
        const terms = g.kernelH * g.kernelW + 1
        expectClose(dx, expected, { rtol: 2 * terms * F32_U, atol: 1e-30, scale }, 'dx')
      })

      it(`adjoint: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩: ${name(g)}`, () => {
        const x = randomFloats(rng, inSize)
        const c = randomFloats(rng, rows * positions)
        const cols = new Float32Array(rows * positions)
        const back = new Float32Array(inSize)
        getKernel('im2col', backend)(cols, x, 0, g)
        getKernel('col2im', backend)(back, 0, c, g)
        const left = dot(cols, c)
        const right = dot(x, back)
        const scale = absDot(cols, c)
        expect(Math.abs(left - right)).toBeLessThanOrEqual(2 * g.kernelH * g.kernelW * F32_U * scale + 1e-30)
      })
    }

    it('im2col and col2im reject a too-small buffer with a ShapeError', () => {
      const g = geometry(2, 4, 4, [3, 3], [1, 1], [0, 0])
      const im2col = getKernel('im2col', backend)
      const col2im = getKernel('col2im', backend)
      expect(() => im2col(new Float32Array(18 * 4), new Float32Array(32), 1, g)).toThrow(ShapeError)
      expect(() => im2col(new Float32Array(18 * 4 - 1), new Float32Array(32), 0, g)).toThrow(ShapeError)
      expect(() => col2im(new Float32Array(31), 0, new Float32Array(72), g)).toThrow(ShapeError)
    })
  })
}
