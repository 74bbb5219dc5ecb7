import { describe, expect, it } from 'vitest'
import { benchFigure, type BenchPlane } from './bench-figure'

const plane = (title: string, width: number, height: number, f: (i: number) => number): BenchPlane => ({
  title,
  width,
  height,
  data: Float32Array.from({ length: width * height }, (_, i) => f(i)),
})

const settings = {
  filter: 'sharpen',
  kernel: { size: 3, values: Float32Array.of(0, -1, 0, -1, 5, -1, 0, -1, 0) },
  padding: 1,
  stride: 1,
  pool: { mode: 'max', size: 2, stride: 2, p: 2 },
}

describe('benchFigure', () => {
  it('draws input, filtered and pooled planes as tiles, with the filtered values as CSV', () => {
    const input = plane('Input f', 4, 4, (i) => i * 16)
    const filtered = plane('Filtered g', 4, 4, (i) => i - 8)
    const pooled = plane('Pooled', 2, 2, (i) => i)
    const figure = benchFigure('Filter bench', [input, filtered, pooled], settings)
    expect(figure.name).toBe('filter-bench-sharpen')
    expect(figure.svg!.match(/<image /g)).toHaveLength(3)
    // 4 × 4 planes want 160/4 = 40 px per pixel, over the builder's 32: 128 px tiles, the pooled
    // 2 × 2 at the same scale.
    expect(figure.svg).toContain('width="128" height="128"')
    expect(figure.svg).toContain('width="64" height="64"')
    expect(figure.svg).toContain('Filtered g (4 × 4)')
    expect(figure.csv).toBe('-8,-7,-6,-5\n-4,-3,-2,-1\n0,1,2,3\n4,5,6,7\n')
    expect(figure.json).toEqual({
      ...settings,
      kernel: { size: 3, values: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
      planes: [
        { title: 'Input f', width: 4, height: 4 },
        { title: 'Filtered g', width: 4, height: 4 },
        { title: 'Pooled', width: 2, height: 2 },
      ],
    })
  })

  it('has nothing to export without a picture, and keeps tiny planes within the scale limit', () => {
    expect(() => benchFigure('Filter bench', [], settings)).toThrow(
      'The filter bench has no picture to export yet',
    )
    const figure = benchFigure('Filter bench', [plane('Input f', 1, 1, () => 7)], settings)
    expect(figure.svg).toContain('width="32" height="32"')
    expect(figure.csv).toBeUndefined()
  })
})
