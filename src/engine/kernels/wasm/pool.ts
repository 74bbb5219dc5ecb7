import { EngineError, ShapeError } from '../../errors'
import { requireLength, requirePlanes } from '../js/check'
import type { Conv2dGeometry, KernelSignatures } from '../kernel-types'
import { geometryArgs, type WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * Max, average and Lp pooling (lecture ④–⑤) on the WebAssembly backend; the kernels and their math
 * are in assembly/kernels/{max,avg,lp}-pool.ts. Geometry: channels = N·C planes. Size checks and
 * messages are the reference's; backward kernels accumulate, so dx is copied in before the kernel.
 */
type PoolKernels = Pick<
  KernelSignatures,
  | 'maxPoolForward'
  | 'maxPoolBackward'
  | 'avgPoolForward'
  | 'avgPoolBackward'
  | 'lpPoolForward'
  | 'lpPoolBackward'
>

function sizes(g: Conv2dGeometry): { input: number; output: number } {
  return { input: g.channels * g.height * g.width, output: g.channels * g.outH * g.outW }
}

function requireP(op: string, p: number): void {
  if (!(p >= 1)) throw new EngineError(`${op}: Lp pooling needs p ≥ 1, got p = ${p}; use p = 1, 2, 3 …`)
}

export function wasmPool(ex: WasmKernelExports, heap: WasmHeap): PoolKernels {
  return {
    maxPoolForward(y, argmax, x, g) {
      const { input, output } = sizes(g)
      requirePlanes('maxPoolForward', 'x', x, g, 'in')
      requirePlanes('maxPoolForward', 'y', y, g, 'out')
      requirePlanes('maxPoolForward', 'argmax', argmax, g, 'out')
      heap.begin(heap.need(x, input) + heap.need(y, output) + heap.need(argmax, output))
      const px = heap.input(x, input)
      const py = heap.output(y, output, false)
      const pa = heap.output(argmax, output, false)
      ex.maxPoolForward(py, pa, px, ...geometryArgs(g))
      heap.copyOut(y, py, output)
      heap.copyOut(argmax, pa, output)
    },

    maxPoolBackward(dx, dy, argmax, outSize) {
      if (dy.length < outSize) requireLength('maxPoolBackward', 'dy', dy, outSize, `of ${outSize} outputs`)
      if (argmax.length < outSize)
        requireLength('maxPoolBackward', 'argmax', argmax, outSize, `of ${outSize} outputs`)
      heap.begin(heap.need(dy, outSize) + heap.need(argmax, outSize) + heap.need(dx, dx.length))
      const pdy = heap.input(dy, outSize)
      const pa = heap.input(argmax, outSize)
      const pdx = heap.output(dx, dx.length, true)
      const bad = ex.maxPoolBackward(pdx, pdy, pa, outSize, dx.length)
      if (bad >= 0) {
        throw new ShapeError(
          `maxPoolBackward: argmax[${bad}] = ${argmax[bad]} points past dx of ${dx.length} values; ` +
            `pass the dx of the x given to maxPoolForward`,
        )
      }
      heap.copyOut(dx, pdx, dx.length)
    },

    avgPoolForward(y, x, g) {
      const { input, output } = sizes(g)
      requirePlanes('avgPoolForward', 'x', x, g, 'in')
      requirePlanes('avgPoolForward', 'y', y, g, 'out')
      heap.begin(heap.need(x, input) + heap.need(y, output))
      const px = heap.input(x, input)
      const py = heap.output(y, output, false)
      ex.avgPoolForward(py, px, ...geometryArgs(g))
      heap.copyOut(y, py, output)
    },

    avgPoolBackward(dx, dy, g) {
      const { input, output } = sizes(g)
      requirePlanes('avgPoolBackward', 'dx', dx, g, 'in')
      requirePlanes('avgPoolBackward', 'dy', dy, g, 'out')
      heap.begin(heap.need(dx, input) + heap.need(dy, output))
      const pdy = heap.input(dy, output)
      const pdx = heap.output(dx, input, true)
      ex.avgPoolBackward(pdx, pdy, ...geometryArgs(g))
      heap.copyOut(dx, pdx, input)
    },

    lpPoolForward(y, x, g, p) {
      requireP('lpPoolForward', p)
      const { input, output } = sizes(g)
      requirePlanes('lpPoolForward', 'x', x, g, 'in')
      requirePlanes('lpPoolForward', 'y', y, g, 'out')
      heap.begin(heap.need(x, input) + heap.need(y, output))
      const px = heap.input(x, input)
      const py = heap.output(y, output, false)
      ex.lpPoolForward(py, px, ...geometryArgs(g), p)
      heap.copyOut(y, py, output)
    },

    lpPoolBackward(dx, dy, x, y, g, p) {
      requireP('lpPoolBackward', p)
      const { input, output } = sizes(g)
      requirePlanes('lpPoolBackward', 'dx', dx, g, 'in')
      requirePlanes('lpPoolBackward', 'x', x, g, 'in')
      requirePlanes('lpPoolBackward', 'dy', dy, g, 'out')
      requirePlanes('lpPoolBackward', 'y', y, g, 'out')
      heap.begin(heap.need(dx, input) + heap.need(x, input) + heap.need(dy, output) + heap.need(y, output))
      const px = heap.input(x, input)
      const py = heap.input(y, output)
      const pdy = heap.input(dy, output)
      const pdx = heap.output(dx, input, true)
      ex.lpPoolBackward(pdx, pdy, px, py, ...geometryArgs(g), p)
      heap.copyOut(dx, pdx, input)
    },
  }
}
