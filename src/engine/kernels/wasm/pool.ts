import { EngineError, ShapeError } from '../../errors'
import { geometryLayout, requireLength } from '../js/check'
import type { Conv2dGeometry, KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
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
      if (x.length < input) requireLength('maxPoolForward', 'x', x, input, geometryLayout(g, 'in'))
      if (y.length < output) requireLength('maxPoolForward', 'y', y, output, geometryLayout(g, 'out'))
      if (argmax.length < output)
        requireLength('maxPoolForward', 'argmax', argmax, output, geometryLayout(g, 'out'))
      heap.begin(heap.need(x, input) + heap.need(y, output) + heap.need(argmax, output))
      const px = heap.input(x, input)
      const py = heap.output(y, output, false)
      const pa = heap.output(argmax, output, false)
      ex.maxPoolForward(
        py,
        pa,
        px,
        g.channels,
        g.height,
        g.width,
        g.kernelH,
        g.kernelW,
        g.strideH,
        g.strideW,
        g.padH,
        g.padW,
        g.outH,
        g.outW,
      )
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
      if (x.length < input) requireLength('avgPoolForward', 'x', x, input, geometryLayout(g, 'in'))
      if (y.length < output) requireLength('avgPoolForward', 'y', y, output, geometryLayout(g, 'out'))
      heap.begin(heap.need(x, input) + heap.need(y, output))
      const px = heap.input(x, input)
      const py = heap.output(y, output, false)
      ex.avgPoolForward(
        py,
        px,
        g.channels,
        g.height,
        g.width,
        g.kernelH,
        g.kernelW,
        g.strideH,
        g.strideW,
        g.padH,
        g.padW,
        g.outH,
        g.outW,
      )
      heap.copyOut(y, py, output)
    },

    avgPoolBackward(dx, dy, g) {
      const { input, output } = sizes(g)
      if (dx.length < input) requireLength('avgPoolBackward', 'dx', dx, input, geometryLayout(g, 'in'))
      if (dy.length < output) requireLength('avgPoolBackward', 'dy', dy, output, geometryLayout(g, 'out'))
      heap.begin(heap.need(dx, input) + heap.need(dy, output))
      const pdy = heap.input(dy, output)
      const pdx = heap.output(dx, input, true)
      ex.avgPoolBackward(
        pdx,
        pdy,
        g.channels,
        g.height,
        g.width,
        g.kernelH,
        g.kernelW,
        g.strideH,
        g.strideW,
        g.padH,
        g.padW,
        g.outH,
        g.outW,
      )
      heap.copyOut(dx, pdx, input)
    },

    lpPoolForward(y, x, g, p) {
      requireP('lpPoolForward', p)
      const { input, output } = sizes(g)
      if (x.length < input) requireLength('lpPoolForward', 'x', x, input, geometryLayout(g, 'in'))
      if (y.length < output) requireLength('lpPoolForward', 'y', y, output, geometryLayout(g, 'out'))
      heap.begin(heap.need(x, input) + heap.need(y, output))
      const px = heap.input(x, input)
      const py = heap.output(y, output, false)
      ex.lpPoolForward(
        py,
        px,
        g.channels,
        g.height,
        g.width,
        g.kernelH,
        g.kernelW,
        g.strideH,
        g.strideW,
        g.padH,
        g.padW,
        g.outH,
        g.outW,
        p,
      )
      heap.copyOut(y, py, output)
    },

    lpPoolBackward(dx, dy, x, y, g, p) {
      requireP('lpPoolBackward', p)
      const { input, output } = sizes(g)
      if (dx.length < input) requireLength('lpPoolBackward', 'dx', dx, input, geometryLayout(g, 'in'))
      if (x.length < input) requireLength('lpPoolBackward', 'x', x, input, geometryLayout(g, 'in'))
      if (dy.length < output) requireLength('lpPoolBackward', 'dy', dy, output, geometryLayout(g, 'out'))
      if (y.length < output) requireLength('lpPoolBackward', 'y', y, output, geometryLayout(g, 'out'))
      heap.begin(heap.need(dx, input) + heap.need(x, input) + heap.need(dy, output) + heap.need(y, output))
      const px = heap.input(x, input)
      const py = heap.input(y, output)
      const pdy = heap.input(dy, output)
      const pdx = heap.output(dx, input, true)
      ex.lpPoolBackward(
        pdx,
        pdy,
        px,
        py,
        g.channels,
        g.height,
        g.width,
        g.kernelH,
        g.kernelW,
        g.strideH,
        g.strideW,
        g.padH,
        g.padW,
        g.outH,
        g.outW,
        p,
      )
      heap.copyOut(dx, pdx, input)
    },
  }
}
