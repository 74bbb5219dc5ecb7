import { SpecError } from '../errors'
import type { Conv2dGeometry } from '../kernels/kernel-types'
import type { Axis } from '../models/issue-codes'

/**
 * Sliding-window geometry shared by conv2d and pool2d: the lecture's output size per axis
 *
 *   O = (I − F + 2p)/s + 1
 *
 * must be a whole number ≥ 1, otherwise construction fails naming the layer, the formula and the
 * numbers: "conv2d 'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or
 * padding". Each SpecError also carries its code and the numbers (models/issue-codes.ts), taken from
 * the same values as the sentence.
 */

/** A size given once for both axes (3) or per axis as [height, width] ([3, 5]). */
export type PerAxis = number | readonly [number, number]

/** Reads a PerAxis config field into [h, w], checking each is an integer ≥ `min`. */
export function perAxis(label: string, field: string, value: PerAxis, min: number): [number, number] {
  const pair: readonly unknown[] = typeof value === 'number' ? [value, value] : value
  const ok =
    Array.isArray(pair) &&
    pair.length === 2 &&
    pair.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= min)
  if (!ok) {
    const shown = Array.isArray(value) ? `[${value.join(', ')}]` : String(value)
    throw new SpecError(
      `${label}: ${field} must be an integer ≥ ${min} or a pair [height, width] of them, got ${shown}`,
      undefined,
      { code: 'window-field-invalid', params: { label, field, min, value: shown } },
    )
  }
  return [pair[0] as number, pair[1] as number]
}

/** A number as the formulas show it: at most 4 decimals, a true minus sign (−1.5). */
export function formatNumber(v: number): string {
  const rounded = Number(v.toFixed(4))
  return (rounded < 0 ? '−' : '') + String(Math.abs(rounded))
}

/** One axis of O = (I − F + 2p)/s + 1, validated. */
export function outputSize(
  label: string,
  axis: Axis,
  input: number,
  kernel: number,
  stride: number,
  pad: number,
): number {
  const value = (input - kernel + 2 * pad) / stride + 1
  const formula = `output ${axis} (${input} − ${kernel} + 2·${pad})/${stride} + 1 = ${formatNumber(value)}`
  const params = { label, axis, input, kernel, pad, stride, result: value }
  const padded = input + 2 * pad
  if (padded < kernel) {
    throw new SpecError(
      `${label}: ${formula}: the ${axis} ${kernel} window is larger than the padded input ` +
        `${input} + 2·${pad} = ${padded}; use a smaller window or more padding`,
      undefined,
      { code: 'output-size-below-one', params: { ...params, padded } },
    )
  }
  if (!Number.isInteger(value)) {
    throw new SpecError(`${label}: ${formula} is not an integer; change stride or padding`, undefined, {
      code: 'output-size-not-integer',
      params,
    })
  }
  return value
}

/** Full window geometry for `channels` planes of height × width. */
export function windowGeometry(
  label: string,
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
    outH: outputSize(label, 'height', height, kernelH, strideH, padH),
    outW: outputSize(label, 'width', width, kernelW, strideW, padW),
  }
}
