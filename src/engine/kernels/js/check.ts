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

/** Input plane size H·W and output plane size OH·OW of a window geometry. */
export function planeSizes(g: Conv2dGeometry): { inPlane: number; outPlane: number } {
  return { inPlane: g.height * g.width, outPlane: g.outH * g.outW }
}

/** Human-readable (C, H, W) → (C, OH, OW) for messages. */
export function geometryLayout(g: Conv2dGeometry, side: 'in' | 'out'): string {
  return side === 'in' ? `(${g.channels}, ${g.height}, ${g.width})` : `(${g.channels}, ${g.outH}, ${g.outW})`
}
