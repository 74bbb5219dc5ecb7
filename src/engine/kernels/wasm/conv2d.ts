import { geometryLayout, requireLength } from '../js/check'
import type { Conv2dGeometry, KernelSignatures } from '../kernel-types'
import { geometryArgs, type WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * conv2dForward / conv2dBackward on the WebAssembly backend (assembly/kernels/conv2d.ts): the whole
 * batch in one call, so each image's column matrix X′ is built, multiplied and dropped inside wasm
 * memory (its workspace), never copied out. Only x, y / dy, the filters and the gradients cross
 * (copied unless resident; dWeight and dBias are copied in because they accumulate, dx is written).
 * The caller's `cols` workspace is not used: the kernel's own is in wasm scratch. Pointer 0 = none.
 * The size checks and the placing of the buffers are shared with the threaded wrapper
 * (parallel/threaded-conv2d.ts), which runs the same kernels on slices of the batch.
 */
type Conv2dKernels = Pick<KernelSignatures, 'conv2dForward' | 'conv2dBackward'>
type Forward = Parameters<KernelSignatures['conv2dForward']>
type Backward = Parameters<KernelSignatures['conv2dBackward']>

/** Float counts of one conv2d call: P = OH·OW positions, one image's input, the batch's x, y, F. */
export interface Conv2dSizes {
  patch: number // C·KH·KW
  positions: number // P
  inSize: number // C·H·W
  input: number // N·C·H·W
  output: number // N·M·P
  weight: number // M·C·KH·KW
}

function sizes(g: Conv2dGeometry, batch: number, filters: number): Conv2dSizes {
  const patch = g.channels * g.kernelH * g.kernelW
  const positions = g.outH * g.outW
  const inSize = g.channels * g.height * g.width
  return {
    patch,
    positions,
    inSize,
    input: batch * inSize,
    output: batch * filters * positions,
    weight: filters * patch,
  }
}

/** The size checks of both convolution kernels (the reference's messages); returns the sizes. */
function checkConv2d(
  op: string,
  x: Float32Array,
  out: Float32Array,
  outName: string,
  weight: Float32Array,
  batch: number,
  filters: number,
  g: Conv2dGeometry,
): Conv2dSizes {
  const s = sizes(g, batch, filters)
  requireLength(op, 'x', x, s.input, `(${batch}, ${geometryLayout(g, 'in').slice(1)}`)
  requireLength(op, outName, out, s.output, `(${batch}, ${filters}, ${g.outH}, ${g.outW})`)
  requireLength(op, 'weight', weight, s.weight, `(${filters}, C·KH·KW)`)
  return s
}

/** Bytes of the kernel's workspace (one image's X′ and GEMM packing; backward: one ∂F partial). */
export function conv2dWorkspace(ex: WasmKernelExports, g: Conv2dGeometry, filters: number): number {
  return ex.conv2dWorkspaceBytes(filters, g.channels, g.kernelH, g.kernelW, g.outH, g.outW)
}

/** Pointers of a placed forward call. */
export interface PlacedForward {
  s: Conv2dSizes
  px: number
  pw: number
  pb: number
  py: number
}

/**
 * Checks a conv2dForward call and places x, F, b (inputs) and y (written) in wasm memory with
 * `scratchBytes` more for the caller's workspaces (heap.scratch). null: nothing to do (batch 0).
 */
export function placeConv2dForward(
  heap: WasmHeap,
  scratchBytes: number,
  ...args: Forward
): PlacedForward | null {
  const [y, x, weight, bias, , batch, filters, g] = args
  const s = checkConv2d('conv2dForward', x, y, 'y', weight, batch, filters, g)
  if (bias) requireLength('conv2dForward', 'bias', bias, filters, `(${filters})`)
  if (batch <= 0) return null
  const biasBytes = bias ? heap.need(bias, filters) : 0
  heap.begin(
    heap.need(x, s.input) + heap.need(y, s.output) + heap.need(weight, s.weight) + biasBytes + scratchBytes,
  )
  const px = heap.input(x, s.input)
  const pw = heap.input(weight, s.weight)
  const pb = bias ? heap.input(bias, filters) : 0
  return { s, px, pw, pb, py: heap.output(y, s.output, false) }
}

/** Pointers of a placed backward call (0 for a gradient not asked for). */
export interface PlacedBackward {
  s: Conv2dSizes
  px: number
  pdy: number
  pw: number
  pdw: number
  pdb: number
  pdx: number
}

/**
 * Checks a conv2dBackward call and places x, Δ, F (inputs), ∂F, ∂b (accumulated: copied in) and dx
 * (written) with `scratchBytes` more. null: nothing to do (batch 0).
 */
export function placeConv2dBackward(
  heap: WasmHeap,
  scratchBytes: number,
  ...args: Backward
): PlacedBackward | null {
  const [dx, dWeight, dBias, dy, x, weight, , batch, filters, g] = args
  const s = checkConv2d('conv2dBackward', x, dy, 'dy', weight, batch, filters, g)
  requireLength('conv2dBackward', 'dWeight', dWeight, s.weight, `(${filters}, C·KH·KW)`)
  if (dBias) requireLength('conv2dBackward', 'dBias', dBias, filters, `(${filters})`)
  if (dx) requireLength('conv2dBackward', 'dx', dx, s.input, `(${batch}, ${geometryLayout(g, 'in').slice(1)}`)
  if (batch <= 0) return null
  heap.begin(
    heap.need(x, s.input) +
      heap.need(dy, s.output) +
      2 * heap.need(weight, s.weight) +
      (dBias ? heap.need(dBias, filters) : 0) +
      (dx ? heap.need(dx, s.input) : 0) +
      scratchBytes,
  )
  const px = heap.input(x, s.input)
  const pdy = heap.input(dy, s.output)
  const pw = heap.input(weight, s.weight)
  const pdw = heap.output(dWeight, s.weight, true)
  const pdb = dBias ? heap.output(dBias, filters, true) : 0
  const pdx = dx ? heap.output(dx, s.input, false) : 0
  return { s, px, pdy, pw, pdw, pdb, pdx }
}

/** Copies the gradients of a placed backward call back out (nothing for resident arrays). */
export function copyOutConv2dBackward(
  heap: WasmHeap,
  p: PlacedBackward,
  dx: Float32Array | null,
  dWeight: Float32Array,
  dBias: Float32Array | null,
  filters: number,
): void {
  heap.copyOut(dWeight, p.pdw, p.s.weight)
  if (dBias) heap.copyOut(dBias, p.pdb, filters)
  if (dx) heap.copyOut(dx, p.pdx, p.s.input)
}

export function wasmConv2d(ex: WasmKernelExports, heap: WasmHeap): Conv2dKernels {
  return {
    conv2dForward(y, x, weight, bias, cols, batch, filters, g) {
      const work = conv2dWorkspace(ex, g, filters)
      const p = placeConv2dForward(heap, work, y, x, weight, bias, cols, batch, filters, g)
      if (!p) return
      ex.conv2dForward(p.py, p.px, p.pw, p.pb, batch, filters, ...geometryArgs(g), heap.scratch(work))
      heap.copyOut(y, p.py, p.s.output)
    },

    conv2dBackward(dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g) {
      const work = conv2dWorkspace(ex, g, filters)
      const p = placeConv2dBackward(heap, work, dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g)
      if (!p) return
      ex.conv2dBackward(
        p.pdx,
        p.pdw,
        p.pdb,
        p.pdy,
        p.px,
        p.pw,
        batch,
        filters,
        ...geometryArgs(g),
        heap.scratch(work),
      )
      copyOutConv2dBackward(heap, p, dx, dWeight, dBias, filters)
    },
  }
}
