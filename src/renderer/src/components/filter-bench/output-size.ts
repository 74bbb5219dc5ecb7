import { SpecError } from '../../../../engine/errors'
import { formatNumber, outputSize as windowOutputSize } from '../../../../engine/layers/window'
import { outputSize } from '../../../../engine/ops/output-size'
import type { ProblemSource } from '../model-editor/problem-text'

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
  /** The same problem with its code and numbers, for the screen's language (model-editor/problem-text). */
  problem: ProblemSource | undefined
}

/**
 * The rule the engine's layers apply to the same numbers (layers/window.ts) gives the problem its code
 * and numbers; the message stays the one filter2d and poolPlane throw.
 */
function codedProblem(
  message: string,
  op: string,
  axis: Axis,
  input: number,
  filter: number,
  padding: number,
  stride: number,
): ProblemSource {
  try {
    windowOutputSize(op, axis, input, filter, stride, padding)
  } catch (error) {
    if (error instanceof SpecError && error.detail) return { ...error.detail, message }
  }
  return { message }
}

/** A number as the engine's formulas show it (−1.5, at most 4 decimals); '?' while a field is empty. */
const show = (v: number): string => (Number.isFinite(v) ? formatNumber(v) : '?')

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
  const problem =
    error === undefined ? undefined : codedProblem(error, op, axis, input, filter, padding, stride)
  return { axis, input, filter, padding, stride, value, formula, error, problem }
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
