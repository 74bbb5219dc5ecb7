import { requireLength } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * Activations on the WebAssembly backend: sigmoid, tanh and relu elementwise, softmax row-wise. The
 * kernels and their math (the float32 e^x, the stable sigmoid, tanh's small-|x| polynomial) are in
 * assembly/kernels/activations.ts and softmax.ts. Backward kernels write dx and may run in place
 * (dx = dy): resident arrays are then one buffer, copied ones two scratch regions — the same result.
 */
type ActivationKernels = Pick<
  KernelSignatures,
  | 'sigmoidForward'
  | 'sigmoidBackward'
  | 'tanhForward'
  | 'tanhBackward'
  | 'reluForward'
  | 'reluBackward'
  | 'softmaxForward'
  | 'softmaxBackward'
>
type Forward = (y: number, x: number, n: number) => void
type Backward = (dx: number, dy: number, other: number, n: number) => void

function forward(heap: WasmHeap, op: string, kernel: Forward): KernelSignatures['reluForward'] {
  return (y, x, n) => {
    if (x.length < n) requireLength(op, 'x', x, n, `of ${n} values`)
    if (y.length < n) requireLength(op, 'y', y, n, `of ${n} values`)
    heap.begin(heap.need(x, n) + heap.need(y, n))
    const px = heap.input(x, n)
    const py = heap.output(y, n, false)
    kernel(py, px, n)
    heap.copyOut(y, py, n)
  }
}

/** `other` is the forward output y (sigmoid, tanh) or input x (relu), named for the messages. */
function backward(
  heap: WasmHeap,
  op: string,
  otherName: string,
  kernel: Backward,
): KernelSignatures['reluBackward'] {
  return (dx, dy, other, n) => {
    if (dy.length < n) requireLength(op, 'dy', dy, n, `of ${n} values`)
    if (other.length < n) requireLength(op, otherName, other, n, `of ${n} values`)
    if (dx.length < n) requireLength(op, 'dx', dx, n, `of ${n} values`)
    heap.begin(heap.need(dy, n) + heap.need(other, n) + heap.need(dx, n))
    const pdy = heap.input(dy, n)
    const po = heap.input(other, n)
    const pdx = heap.output(dx, n, false)
    kernel(pdx, pdy, po, n)
    heap.copyOut(dx, pdx, n)
  }
}

export function wasmActivations(ex: WasmKernelExports, heap: WasmHeap): ActivationKernels {
  return {
    sigmoidForward: forward(heap, 'sigmoidForward', ex.sigmoidForward),
    sigmoidBackward: backward(heap, 'sigmoidBackward', 'y', ex.sigmoidBackward),
    tanhForward: forward(heap, 'tanhForward', ex.tanhForward),
    tanhBackward: backward(heap, 'tanhBackward', 'y', ex.tanhBackward),
    reluForward: forward(heap, 'reluForward', ex.reluForward),
    reluBackward: backward(heap, 'reluBackward', 'x', ex.reluBackward),

    softmaxForward(y, x, rows, cols) {
      const size = rows * cols
      if (x.length < size) requireLength('softmaxForward', 'x', x, size, `(${rows}×${cols})`)
      if (y.length < size) requireLength('softmaxForward', 'y', y, size, `(${rows}×${cols})`)
      heap.begin(heap.need(x, size) + heap.need(y, size))
      const px = heap.input(x, size)
      const py = heap.output(y, size, false)
      ex.softmaxForward(py, px, rows, cols)
      heap.copyOut(y, py, size)
    },

    softmaxBackward(dx, dy, y, rows, cols) {
      const size = rows * cols
      if (dy.length < size) requireLength('softmaxBackward', 'dy', dy, size, `(${rows}×${cols})`)
      if (y.length < size) requireLength('softmaxBackward', 'y', y, size, `(${rows}×${cols})`)
      if (dx.length < size) requireLength('softmaxBackward', 'dx', dx, size, `(${rows}×${cols})`)
      heap.begin(heap.need(dy, size) + heap.need(y, size) + heap.need(dx, size))
      const pdy = heap.input(dy, size)
      const py = heap.input(y, size)
      const pdx = heap.output(dx, size, false)
      ex.softmaxBackward(pdx, pdy, py, rows, cols)
      heap.copyOut(dx, pdx, size)
    },
  }
}
