import { describe, expect, it } from 'vitest'
import type { Im2colView } from '../../../../shared/ipc/lab-types'
import { countColours, largestMagnitude, signedColours } from './heat-colours'
import { formatEntry, im2colCsv, positions, tapLabel, taps } from './im2col-display'
import { pairRange, previewImageShape, previewRgba, recombinePreviews } from './preview-pixels'

describe('heat colours', () => {
  it('colours counts on the figures’ Blues scale with readable text', () => {
    expect(countColours(0, 5)).toEqual({ background: '#f7fbff', color: '#1f1f1f' })
    expect(countColours(5, 5)).toEqual({ background: '#08306b', color: '#ffffff' })
    // An empty matrix (largest count 0) stays white rather than dividing by zero.
    expect(countColours(0, 0).background).toBe('#f7fbff')
  })

  it('colours signed values blue below zero, white at zero, red above', () => {
    expect(signedColours(0, 2).background).toBe('#ffffff')
    expect(signedColours(2, 2).background).toBe('#b2182b')
    expect(signedColours(-4, 2).background).toBe('#2166ac')
    expect(signedColours(1, 2).background).toBe('#d98c95')
    expect(largestMagnitude([1, -3], [2, Number.NaN])).toBe(3)
  })
})

describe('im2col display', () => {
  it("labels X' rows in the lecture's order (c, fy, fx) and columns by output position", () => {
    expect(taps(2, [2, 2]).map(tapLabel)).toEqual([
      'c0 (0, 0)',
      'c0 (0, 1)',
      'c0 (1, 0)',
      'c0 (1, 1)',
      'c1 (0, 0)',
      'c1 (0, 1)',
      'c1 (1, 0)',
      'c1 (1, 1)',
    ])
    expect(positions({ y: 3, x: 1, rows: 2, cols: 3 })).toEqual([
      { y: 3, x: 1 },
      { y: 3, x: 2 },
      { y: 3, x: 3 },
      { y: 4, x: 1 },
      { y: 4, x: 2 },
      { y: 4, x: 3 },
    ])
    expect([formatEntry(-0.00001), formatEntry(-1.23456), formatEntry(44)]).toEqual(['0', '−1.235', '44'])
  })

  it("writes the lecture's 4 × 4 example as CSV: X', F with b, U' = F X' (labels with commas quoted)", () => {
    // The lecture: X = 1 … 16 (4 × 4), filter (1 2; 3 4), no padding; the patch of outputs (0,0),(0,1).
    const view: Im2colView = {
      layer: 'conv1',
      sampleIndex: 0,
      inputShape: [1, 4, 4],
      kernel: [2, 2],
      stride: [1, 1],
      padding: [0, 0],
      patch: { y: 0, x: 0, rows: 1, cols: 2 },
      input: [{ rows: 2, cols: 3, values: [1, 2, 3, 5, 6, 7] }],
      columns: { rows: 4, cols: 2, values: [1, 2, 2, 3, 5, 6, 6, 7] },
      filters: { rows: 1, cols: 4, values: [1, 2, 3, 4] },
      bias: [0],
      product: { rows: 1, cols: 2, values: [44, 54] },
      featureMaps: [{ rows: 1, cols: 2, values: [44, 54] }],
      maxDifference: 0,
    }
    expect(im2colCsv(view)).toBe(
      [
        `"X' (conv1, sample 0)"`,
        ',"(0, 0)","(0, 1)"',
        '"c0 (0, 0)",1,2',
        '"c0 (0, 1)",2,3',
        '"c0 (1, 0)",5,6',
        '"c0 (1, 1)",6,7',
        '',
        'F and b',
        ',"c0 (0, 0)","c0 (0, 1)","c0 (1, 0)","c0 (1, 1)",b',
        'filter 0,1,2,3,4,0',
        '',
        "U' = F X' + b",
        ',"(0, 0)","(0, 1)"',
        'filter 0,44,54',
        '',
      ].join('\n'),
    )
  })
})

describe('preview pixels', () => {
  it('reads (C, Y, X) images and square vectors, and refuses other shapes', () => {
    expect(previewImageShape([3, 2, 4])).toEqual({ channels: 3, height: 2, width: 4 })
    expect(previewImageShape([784])).toEqual({ channels: 1, height: 28, width: 28 })
    expect(previewImageShape([10])).toBeNull()
    expect(previewImageShape([2, 4, 4])).toBeNull()
  })

  it('draws an input and its reconstruction over their joint range', () => {
    const input = [0, 0.5, 1, 0.25]
    const output = [0.1, 0.5, 2, -1]
    const range = pairRange(input, output)
    expect(range).toEqual({ lo: -1, hi: 2 })
    const rgba = previewRgba(input, { channels: 1, height: 2, width: 2 }, range)
    // byte = round(255 · (v + 1) / 3): 0 → 85, 0.5 → 128 (127.5 rounds up), 1 → 170, 0.25 → 106.
    expect([...rgba]).toEqual([85, 85, 85, 255, 128, 128, 128, 255, 170, 170, 170, 255, 106, 106, 106, 255])
  })

  it('interleaves planar RGB into pixels', () => {
    const rgb = [1, 0, 0, 0, 0, 1]
    expect([...previewRgba(rgb, { channels: 3, height: 1, width: 2 }, { lo: 0, hi: 1 })]).toEqual([
      255, 0, 0, 255, 0, 0, 255, 255,
    ])
  })
})

describe('recombinePreviews', () => {
  const channel = (base: number) => ({
    sampleShape: [4],
    indices: [3, 7],
    inputs: [
      [base, base, base, base],
      [base + 1, base + 1, base + 1, base + 1],
    ],
    outputs: [
      [base + 0.5, base, base, base],
      [base, base, base, base + 0.5],
    ],
  })

  it("puts the R, G and B jobs' reconstructions back into planar colour images", () => {
    const rgb = recombinePreviews([channel(10), channel(20), channel(30)])!
    expect(rgb.sampleShape).toEqual([3, 2, 2])
    expect(rgb.indices).toEqual([3, 7])
    expect(rgb.inputs[1]).toEqual([11, 11, 11, 11, 21, 21, 21, 21, 31, 31, 31, 31])
    expect(rgb.outputs[0]).toEqual([10.5, 10, 10, 10, 20.5, 20, 20, 20, 30.5, 30, 30, 30])
  })

  it('waits until all three channels show the same images', () => {
    expect(recombinePreviews([channel(1), channel(2), undefined])).toBeNull()
    expect(recombinePreviews([channel(1), channel(2), { ...channel(3), indices: [3, 8] }])).toBeNull()
  })
})
