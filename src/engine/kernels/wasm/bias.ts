import { requireLength } from '../js/check'
import type { KernelSignatures } from '../kernel-types'
import type { WasmKernelExports } from './wasm-exports'
import type { WasmHeap } from './wasm-heap'

/**
 * Bias kernels on the WebAssembly backend (assembly/kernels/bias.ts): the `+ b` of u = xW + b and
 * conv2d's per-filter bias, and their gradients, which accumulate into db (copied in first).
 * sumRows keeps its float64 column sums in a scratch workspace of 8·cols bytes.
 */
type BiasKernels = Pick<KernelSignatures, 'addRowBias' | 'sumRows' | 'addChannelBias' | 'sumChannels'>

export function wasmBias(ex: WasmKernelExports, heap: WasmHeap): BiasKernels {
  return {
    addRowBias(y, bias, rows, cols) {
      const size = rows * cols
      if (y.length < size) requireLength('addRowBias', 'y', y, size, `(${rows}×${cols})`)
      if (bias.length < cols) requireLength('addRowBias', 'bias', bias, cols, `(${cols})`)
      heap.begin(heap.need(y, size) + heap.need(bias, cols))
      const pb = heap.input(bias, cols)
      const py = heap.output(y, size, true)
      ex.addRowBias(py, pb, rows, cols)
      heap.copyOut(y, py, size)
    },

    sumRows(db, dy, rows, cols) {
      const size = rows * cols
      if (db.length < cols) requireLength('sumRows', 'db', db, cols, `(${cols})`)
      if (dy.length < size) requireLength('sumRows', 'dy', dy, size, `(${rows}×${cols})`)
      heap.begin(heap.need(dy, size) + heap.need(db, cols) + cols * 8)
      const pdy = heap.input(dy, size)
      const pdb = heap.output(db, cols, true)
      ex.sumRows(pdb, pdy, rows, cols, heap.scratch(cols * 8))
      heap.copyOut(db, pdb, cols)
    },

    addChannelBias(y, bias, batch, channels, size) {
      const total = batch * channels * size
      if (y.length < total) requireLength('addChannelBias', 'y', y, total, `(${batch}, ${channels}, ${size})`)
      if (bias.length < channels) requireLength('addChannelBias', 'bias', bias, channels, `(${channels})`)
      heap.begin(heap.need(y, total) + heap.need(bias, channels))
      const pb = heap.input(bias, channels)
      const py = heap.output(y, total, true)
      ex.addChannelBias(py, pb, batch, channels, size)
      heap.copyOut(y, py, total)
    },

    sumChannels(db, dy, batch, channels, size) {
      const total = batch * channels * size
      if (db.length < channels) requireLength('sumChannels', 'db', db, channels, `(${channels})`)
      if (dy.length < total) requireLength('sumChannels', 'dy', dy, total, `(${batch}, ${channels}, ${size})`)
      heap.begin(heap.need(dy, total) + heap.need(db, channels))
      const pdy = heap.input(dy, total)
      const pdb = heap.output(db, channels, true)
      ex.sumChannels(pdb, pdy, batch, channels, size)
      heap.copyOut(db, pdb, channels)
    },
  }
}
