import { geometryLayout, requireLength } from '../js/check'
import type { Conv2dGeometry, KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * conv2dForward / conv2dBackward on the WebAssembly backend (assembly/kernels/conv2d.ts): the whole
 * batch in one call, so each image's column matrix X′ is built, multiplied and dropped inside wasm
 * memory (its workspace), never copied out. Only x, y / dy, the filters and the gradients cross
 * (copied unless resident; dWeight and dBias are copied in because they accumulate, dx is written).
 * The caller's `cols` workspace is not used: the kernel's own is in wasm scratch. Pointer 0 = none.
 */
type Conv2dKernels = Pick<KernelSignatures, 'conv2dForward' | 'conv2dBackward'>

function geometry11(g: Conv2dGeometry) {
  return [
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
  ] as const
}

function sizes(g: Conv2dGeometry, batch: number, filters: number) {
  const patch = g.channels * g.kernelH * g.kernelW
  return {
    input: batch * g.channels * g.height * g.width,
    output: batch * filters * g.outH * g.outW,
    weight: filters * patch,
    inLayout: `(${batch}, ${geometryLayout(g, 'in').slice(1)}`,
    outLayout: `(${batch}, ${filters}, ${g.outH}, ${g.outW})`,
  }
}

export function wasmConv2d(ex: WasmKernelExports, heap: WasmHeap): Conv2dKernels {
  const workspace = (g: Conv2dGeometry, filters: number): number =>
    ex.conv2dWorkspaceBytes(filters, g.channels, g.kernelH, g.kernelW, g.outH, g.outW)
  return {
    conv2dForward(y, x, weight, bias, _cols, batch, filters, g) {
      const s = sizes(g, batch, filters)
      requireLength('conv2dForward', 'x', x, s.input, s.inLayout)
      requireLength('conv2dForward', 'y', y, s.output, s.outLayout)
      requireLength('conv2dForward', 'weight', weight, s.weight, `(${filters}, C·KH·KW)`)
      if (bias) requireLength('conv2dForward', 'bias', bias, filters, `(${filters})`)
      if (batch <= 0) return
      const work = workspace(g, filters)
      heap.begin(
        heap.need(x, s.input) +
          heap.need(y, s.output) +
          heap.need(weight, s.weight) +
          (bias ? heap.need(bias, filters) : 0) +
          work,
      )
      const px = heap.input(x, s.input)
      const pw = heap.input(weight, s.weight)
      const pb = bias ? heap.input(bias, filters) : 0
      const py = heap.output(y, s.output, false)
      ex.conv2dForward(py, px, pw, pb, batch, filters, ...geometry11(g), heap.scratch(work))
      heap.copyOut(y, py, s.output)
    },

    conv2dBackward(dx, dWeight, dBias, dy, x, weight, _cols, batch, filters, g) {
      const s = sizes(g, batch, filters)
      requireLength('conv2dBackward', 'x', x, s.input, s.inLayout)
      requireLength('conv2dBackward', 'dy', dy, s.output, s.outLayout)
      requireLength('conv2dBackward', 'weight', weight, s.weight, `(${filters}, C·KH·KW)`)
      requireLength('conv2dBackward', 'dWeight', dWeight, s.weight, `(${filters}, C·KH·KW)`)
      if (dBias) requireLength('conv2dBackward', 'dBias', dBias, filters, `(${filters})`)
      if (dx) requireLength('conv2dBackward', 'dx', dx, s.input, s.inLayout)
      if (batch <= 0) return
      const work = workspace(g, filters)
      heap.begin(
        heap.need(x, s.input) +
          heap.need(dy, s.output) +
          2 * heap.need(weight, s.weight) +
          (dBias ? heap.need(dBias, filters) : 0) +
          (dx ? heap.need(dx, s.input) : 0) +
          work,
      )
      const px = heap.input(x, s.input)
      const pdy = heap.input(dy, s.output)
      const pw = heap.input(weight, s.weight)
      const pdw = heap.output(dWeight, s.weight, true)
      const pdb = dBias ? heap.output(dBias, filters, true) : 0
      const pdx = dx ? heap.output(dx, s.input, false) : 0
      ex.conv2dBackward(pdx, pdw, pdb, pdy, px, pw, batch, filters, ...geometry11(g), heap.scratch(work))
      heap.copyOut(dWeight, pdw, s.weight)
      if (dBias) heap.copyOut(dBias, pdb, filters)
      if (dx) heap.copyOut(dx, pdx, s.input)
    },
  }
}
