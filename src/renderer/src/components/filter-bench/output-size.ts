import { outputSize } from '../../../../engine/ops/output-size'

/**
 * The lecture's output size along each axis, with the numbers put in for display:
 *
 *   O = (I − F + 2p)/s + 1        e.g. (99 − 3 + 2·1)/2 + 1 = 50
 *
 * and, when O is not a whole number ≥ 1, the engine's own message (outputSize in ops/), so the
 * bench says exactly what filter2d and poolPlane would throw.
 */
export type Axis = 'height' | 'width'

export interface AxisSize {
  axis: Axis
  input: number
  filter: number
  padding: number
  stride: number
  /** (I − F + 2p)/s + 1, whole or not. */
  value: number
  /** "(99 − 3 + 2·1)/2 + 1 = 50" */
  formula: string
  /** The engine's message when O is not a valid size. */
  error: string | undefined
}

const show = (v: number): string => {
  if (!Number.isFinite(v)) return '?'
  const rounded = Number(v.toFixed(4))
  return (rounded < 0 ? '−' : '') + String(Math.abs(rounded))
}

export function axisSize(
  op: string,
  axis: Axis,
  input: number,
  filter: number,
  padding: number,
  stride: number,
): AxisSize {
  const value = (input - filter + 2 * padding) / stride + 1
  const formula = `(${show(input)} − ${show(filter)} + 2·${show(padding)})/${show(stride)} + 1 = ${show(value)}`
  let error: string | undefined
  try {
    outputSize(input, filter, padding, stride, axis, op)
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
  }
  return { axis, input, filter, padding, stride, value, formula, error }
}

/** Height then width of a plane under a square window. */
export function planeSizes(
  op: string,
  height: number,
  width: number,
  filter: number,
  padding: number,
  stride: number,
): AxisSize[] {
  return [
    axisSize(op, 'height', height, filter, padding, stride),
    axisSize(op, 'width', width, filter, padding, stride),
  ]
}
