import { describe, expect, it } from 'vitest'
import { getKernel } from '../registry'
import { readJson } from './close'
import { geometry } from './reference'

/**
 * The lecture's worked examples (src/engine/test-support/seed-vectors.json, a copy of the course's
 * seed vectors) on one backend's kernels: transform ① (im2col) gives the lecture's X', F·X' its U',
 * ③ its feature map; transform ④ (windows as rows) is im2col with one channel, a 2×2 window and
 * stride 2, read transposed (the kernel's X' holds the windows as columns); max pooling gives ⑤.
 */
export interface SeedVectors {
  im2col: {
    input: number[][]
    filter: number[][]
    columns: number[][]
    filterRow: number[]
    product: number[]
    output: number[][]
  }
  maxPool: {
    name: string
    input: number[][]
    size: number
    stride: number
    windowsAsRows?: number[][]
    output: number[][]
  }[]
}

export function readSeedVectors<T = SeedVectors>(): T {
  return readJson<T>('../../test-support/seed-vectors.json', import.meta.url)
}

export function lectureSuite(backend: string): void {
  const seed = readSeedVectors()
  describe('lecture examples (seed-vectors.json)', () => {
    it('transform ①: the 4×4 image 1…16 with a 2×2 filter gives the lecture X′ (4×9)', () => {
      const { input, filter, columns } = seed.im2col
      const g = geometry(1, input.length, input[0].length, [filter.length, filter[0].length], [1, 1], [0, 0])
      const cols = new Float32Array(4 * 9)
      getKernel('im2col', backend)(cols, Float32Array.from(input.flat()), 0, g)
      expect(Array.from(cols)).toEqual(columns.flat())
    })

    it('transforms ②–③: the filter row [1 2 3 4] times X′ is U′, reshaped to the 3×3 feature map', () => {
      const { filter, filterRow, columns, product, output } = seed.im2col
      expect(filter.flat()).toEqual(filterRow) // ② flattens the filter row by row
      const u = new Float32Array(9)
      getKernel('gemm', backend)(
        u,
        Float32Array.from(filterRow),
        Float32Array.from(columns.flat()),
        1,
        9,
        4,
        false,
        false,
        false,
      )
      expect(Array.from(u)).toEqual(product)
      expect(Array.from(u)).toEqual(output.flat()) // ③: (1, 9) row-major is the (3, 3) map
    })

    for (const example of seed.maxPool) {
      const { input, size, stride, windowsAsRows, output } = example
      const g = geometry(1, input.length, input[0].length, [size, size], [stride, stride], [0, 0])
      const x = Float32Array.from(input.flat())
      const windows = g.outH * g.outW

      if (windowsAsRows) {
        it(`transform ④ (${example.name}): the windows as rows are im2col's columns`, () => {
          const cols = new Float32Array(size * size * windows)
          getKernel('im2col', backend)(cols, x, 0, g)
          const rows = Array.from({ length: windows }, (_, w) =>
            Array.from({ length: size * size }, (_, e) => cols[e * windows + w]),
          )
          expect(rows).toEqual(windowsAsRows)
          expect(rows.map((r) => Math.max(...r))).toEqual(output.flat()) // 行ごとに最大値
        })
      }

      it(`transforms ④–⑤ (${example.name}): maxPoolForward gives the lecture output; backward routes Δ`, () => {
        const y = new Float32Array(windows)
        const argmax = new Int32Array(windows)
        getKernel('maxPoolForward', backend)(y, argmax, x, g)
        expect(Array.from(y)).toEqual(output.flat())
        for (let w = 0; w < windows; w++) expect(x[argmax[w]]).toBe(y[w]) // 最大値の位置を記憶
        const dx = new Float32Array(x.length)
        const dy = Float32Array.from({ length: windows }, (_, w) => w + 1)
        getKernel('maxPoolBackward', backend)(dx, dy, argmax, windows)
        const expected = new Array<number>(x.length).fill(0)
        for (let w = 0; w < windows; w++) expected[argmax[w]] = w + 1
        expect(Array.from(dx)).toEqual(expected)
      })
    }
  })
}
