import { ShapeError } from '../../errors'
import type { Conv2dGeometry } from '../kernel-types'

/**
 * Buffer-size checks shared by the JS kernels: O(1) per call, before any loop, so a wrong size is a
 * ShapeError naming the kernel, the buffer, its layout and both sizes — never a silent read of
 * `undefined` (NaN) or a write past the end (ignored by typed arrays). Buffers may be longer than
 * needed (kernels use the prefix, or the slice at an offset).
 */
export function requireLength(
  op: string,
  name: string,
  array: ArrayLike<number>,
  needed: number,
  layout: string,
): void {
  if (array.length < needed) {
    throw new ShapeError(
      `${op}: ${name} ${layout} needs ${needed} values, got a buffer of ${array.length}; ` +
        `allocate it from the same dimensions`,
    )
  }
}

/** requireLength(op, name, array, n, `(n)`) for each named buffer; null ones (not given) are skipped. */
export function requireVectors(
  op: string,
  n: number,
  buffers: Record<string, ArrayLike<number> | null>,
): void {
  for (const [name, array] of Object.entries(buffers)) {
    if (array) requireLength(op, name, array, n, `(${n})`)
  }
}

/** Input plane size H·W and output plane size OH·OW of a window geometry. */
export function planeSizes(g: Conv2dGeometry): { inPlane: number; outPlane: number } {
  return { inPlane: g.height * g.width, outPlane: g.outH * g.outW }
}

/** Human-readable (C, H, W) → (C, OH, OW) for messages. */
export function geometryLayout(g: Conv2dGeometry, side: 'in' | 'out'): string {
  return side === 'in' ? `(${g.channels}, ${g.height}, ${g.width})` : `(${g.channels}, ${g.outH}, ${g.outW})`
}

/**
 * requireLength for `g.channels` planes of the input (H×W, side 'in') or output (OH×OW, side 'out')
 * side of a window geometry, starting at `offset`. The message is built only when the check fails
 * (the wasm wrappers call this on every kernel call).
 */
export function requirePlanes(
  op: string,
  name: string,
  array: ArrayLike<number>,
  g: Conv2dGeometry,
  side: 'in' | 'out',
  offset?: number,
): void {
  const { inPlane, outPlane } = planeSizes(g)
  const needed = (offset ?? 0) + g.channels * (side === 'in' ? inPlane : outPlane)
  if (array.length >= needed) return
  const at = offset === undefined ? '' : ` at ${offset}`
  requireLength(op, name, array, needed, geometryLayout(g, side) + at)
}
