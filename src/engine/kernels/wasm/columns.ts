import { requireLength, requirePlanes } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import { geometryArgs, type WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * im2col (lecture ①) and col2im (its adjoint) on the WebAssembly backend; the kernels and their
 * math are in assembly/kernels/columns.ts. Only the image at the offset is copied in or out, never
 * the whole batch around it. col2im accumulates, so its dx slice is copied in before the kernel.
 */
export function wasmColumns(
  ex: WasmKernelExports,
  heap: WasmHeap,
): Pick<KernelSignatures, 'im2col' | 'col2im'> {
  return {
    im2col(cols, x, xOffset, g) {
      const inSize = g.channels * g.height * g.width
      const size = g.channels * g.kernelH * g.kernelW * g.outH * g.outW
      requirePlanes('im2col', 'x', x, g, 'in', xOffset)
      if (cols.length < size) requireLength('im2col', 'cols', cols, size, `(C·KH·KW, OH·OW)`)
      heap.begin(heap.need(x, inSize) + heap.need(cols, size))
      const px = heap.input(x, inSize, xOffset)
      const pc = heap.output(cols, size, false)
      ex.im2col(pc, px, ...geometryArgs(g))
      heap.copyOut(cols, pc, size)
    },

    col2im(dx, dxOffset, cols, g) {
      const inSize = g.channels * g.height * g.width
      const size = g.channels * g.kernelH * g.kernelW * g.outH * g.outW
      requirePlanes('col2im', 'dx', dx, g, 'in', dxOffset)
      if (cols.length < size) requireLength('col2im', 'cols', cols, size, `(C·KH·KW, OH·OW)`)
      heap.begin(heap.need(dx, inSize) + heap.need(cols, size))
      const pc = heap.input(cols, size)
      const pdx = heap.output(dx, inSize, true, dxOffset)
      ex.col2im(pdx, pc, ...geometryArgs(g))
      heap.copyOut(dx, pdx, inSize, dxOffset)
    },
  }
}
