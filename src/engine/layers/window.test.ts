import { describe, expect, it } from 'vitest'
import { SpecError } from '../errors'
import { formatNumber, outputSize, perAxis } from './window'

/** The SpecError `run` throws. */
function thrown(run: () => unknown): SpecError {
  try {
    run()
  } catch (error) {
    if (error instanceof SpecError) return error
    throw error
  }
  throw new Error('nothing was thrown')
}

describe('outputSize: O = (I − F + 2p)/s + 1 per axis', () => {
  it('gives the lecture’s sizes: 28 → 28 (F 5, p 2), 28 → 14 (pooling 2, stride 2), 14 → 10', () => {
    expect(outputSize("conv2d 'c1'", 'height', 28, 5, 1, 2)).toBe(28)
    expect(outputSize("pool2d 'p1'", 'width', 28, 2, 2, 0)).toBe(14)
    expect(outputSize("conv2d 'c2'", 'height', 14, 5, 1, 0)).toBe(10)
  })

  it('a fractional size names the formula and carries it as output-size-not-integer', () => {
    const error = thrown(() => outputSize("conv2d 'c2'", 'width', 14, 5, 2, 0))
    expect(error.message).toBe(
      "conv2d 'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding",
    )
    expect(error.code).toBe('output-size-not-integer')
    expect(error.params).toEqual({
      label: "conv2d 'c2'",
      axis: 'width',
      input: 14,
      kernel: 5,
      pad: 0,
      stride: 2,
      result: 5.5,
    })
  })

  it('a window larger than the padded input is output-size-below-one with the padded size', () => {
    const error = thrown(() => outputSize("pool2d 'p3'", 'height', 2, 3, 2, 0))
    // (2 − 3 + 0)/2 + 1 = 0.5: below one although not an integer; the size check comes first.
    expect(error.message).toBe(
      "pool2d 'p3': output height (2 − 3 + 2·0)/2 + 1 = 0.5: the height 3 window is larger than the padded " +
        'input 2 + 2·0 = 2; use a smaller window or more padding',
    )
    expect(error.code).toBe('output-size-below-one')
    expect(error.params).toEqual({
      label: "pool2d 'p3'",
      axis: 'height',
      input: 2,
      kernel: 3,
      pad: 0,
      stride: 2,
      result: 0.5,
      padded: 2,
    })
  })
})

describe('perAxis', () => {
  it('reads one size for both axes or a [height, width] pair', () => {
    expect(perAxis("conv2d 'c1'", 'kernel', 3, 1)).toEqual([3, 3])
    expect(perAxis("conv2d 'c1'", 'padding', [0, 2], 0)).toEqual([0, 2])
  })

  it('refuses a value below the minimum with window-field-invalid', () => {
    const error = thrown(() => perAxis("pool2d 'p1'", 'stride', 0, 1))
    expect(error.message).toBe(
      "pool2d 'p1': stride must be an integer ≥ 1 or a pair [height, width] of them, got 0",
    )
    expect(error.code).toBe('window-field-invalid')
    expect(error.params).toEqual({ label: "pool2d 'p1'", field: 'stride', min: 1, value: '0' })
  })
})

describe('formatNumber', () => {
  it('writes at most 4 decimals and a true minus sign', () => {
    expect([12.5, -2, 1 / 3, 0].map(formatNumber)).toEqual(['12.5', '−2', '0.3333', '0'])
  })
})
