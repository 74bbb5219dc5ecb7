import { ShapeError } from '../errors'

/**
 * The lecture's output size of a sliding window along one axis:
 *
 *   O = (I − F + 2p)/s + 1        I input size, F filter (window) size, p zero padding, s stride
 *
 * e.g. 5 with a 3-filter: 3 (no padding) or 5 (padding 1, same size); 7, filter 3, stride 2: 3;
 * 224, filter 3, padding 1: 224 (VGG). Throws a ShapeError with the formula and the numbers when O is
 * not a whole number or is below 1:
 *   "filter2d: output width (8 − 3 + 2·0)/2 + 1 = 3.5 is not an integer; change stride or padding"
 */
export type Axis = 'height' | 'width'

function show(v: number): string {
  const rounded = Number(v.toFixed(4))
  return (rounded < 0 ? '−' : '') + String(Math.abs(rounded))
}

export function outputSize(
  input: number,
  filter: number,
  padding: number,
  stride: number,
  axis?: Axis,
  op = 'filter2d',
): number {
  const what = axis ? `output ${axis}` : 'output size'
  const checks: [string, number, number][] = [
    ['input size', input, 1],
    ['filter size', filter, 1],
    ['padding', padding, 0],
    ['stride', stride, 1],
  ]
  for (const [name, value, min] of checks) {
    if (!Number.isInteger(value) || value < min) {
      throw new ShapeError(
        `${op}: ${name}${axis ? ` (${axis})` : ''} must be an integer ≥ ${min}, got ${value}`,
      )
    }
  }
  const value = (input - filter + 2 * padding) / stride + 1
  const formula = `${what} (${input} − ${filter} + 2·${padding})/${stride} + 1 = ${show(value)}`
  if (input + 2 * padding < filter) {
    throw new ShapeError(
      `${op}: ${formula} is less than 1: the filter ${filter} is larger than the padded input ` +
        `${input} + 2·${padding} = ${input + 2 * padding}; use a smaller filter or more padding`,
    )
  }
  if (!Number.isInteger(value)) {
    throw new ShapeError(`${op}: ${formula} is not an integer; change stride or padding`)
  }
  return value
}
