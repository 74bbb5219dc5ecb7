import { requireLength } from '../js/check'
import type { Conv2dGeometry, KernelSignatures } from '../kernel-types'
import { wasmConv2d } from '../wasm/conv2d'
import type { WasmHeap } from '../wasm/wasm-heap'
import type { ThreadTeam } from './team'
import { DEFAULT_MIN_MULTIPLY_ADDS, type PanelExports } from './threaded-gemm'

/**
 * conv2dForward / conv2dBackward across worker threads (the contract of kernel-types.ts; the
 * single-thread kernels are assembly/kernels/conv2d.ts):
 *
 *   forward    images are independent: thread t runs conv2dForward on images n0…n1 (its y_n, + b)
 *   backward   ∂b = Σ Δ on this thread (sumChannels), then the batch's chunks of 8 images are shared
 *              out: thread t runs conv2dBackwardChunks on chunks c0…c1 — for each image X′_n =
 *              im2col(x_n), the chunk's partial ∂F_c += Δ_n X′_nᵗ, dx_n = col2im(FᵗΔ_n) — and this
 *              thread then adds the partials into ∂F in chunk order (addPartials)
 *
 * The single-thread kernel sums ∂F in the same grouping (images in order within a chunk, chunks in
 * order), and every dx_n and y_n is one image's, so results do not depend on the thread count. Each
 * thread keeps only one image's X′ (cache-sized), and a backward is one split, not two.
 * Calls below `minMultiplyAdds` (M·C·KH·KW·OH·OW·N) or with one image run on this thread alone.
 */
type Conv2dKernels = Pick<KernelSignatures, 'conv2dForward' | 'conv2dBackward'>

function geometry11(g: Conv2dGeometry): number[] {
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
  ]
}

/** [n0, n1) ranges of `batch` items (images or chunks), one per thread, as even as whole items allow. */
function imageRanges(batch: number, threads: number): [number, number][] {
  const count = Math.min(batch, threads)
  return Array.from({ length: count }, (_, t) => [
    Math.floor((t * batch) / count),
    Math.floor(((t + 1) * batch) / count),
  ])
}

export function threadedWasmConv2d(
  ex: PanelExports,
  heap: WasmHeap,
  team: ThreadTeam,
  minMultiplyAdds = DEFAULT_MIN_MULTIPLY_ADDS,
): Conv2dKernels {
  const single = wasmConv2d(ex, heap)
  const shape = (g: Conv2dGeometry, batch: number, filters: number) => {
    const patch = g.channels * g.kernelH * g.kernelW
    const p = g.outH * g.outW
    const inSize = g.channels * g.height * g.width
    return { patch, p, inSize, input: batch * inSize, output: batch * filters * p, weight: filters * patch }
  }
  const worthSplitting = (g: Conv2dGeometry, batch: number, filters: number): boolean => {
    const s = shape(g, batch, filters)
    return team.running && batch >= 2 && filters * s.patch * s.p * batch >= minMultiplyAdds
  }
  return {
    conv2dForward(y, x, weight, bias, cols, batch, filters, g) {
      if (!worthSplitting(g, batch, filters))
        return single.conv2dForward(y, x, weight, bias, cols, batch, filters, g)
      const s = shape(g, batch, filters)
      requireLength('conv2dForward', 'x', x, s.input, `(${batch}, C, H, W)`)
      requireLength('conv2dForward', 'y', y, s.output, `(${batch}, ${filters}, ${g.outH}, ${g.outW})`)
      requireLength('conv2dForward', 'weight', weight, s.weight, `(${filters}, C·KH·KW)`)
      if (bias) requireLength('conv2dForward', 'bias', bias, filters, `(${filters})`)
      const work = ex.conv2dWorkspaceBytes(filters, g.channels, g.kernelH, g.kernelW, g.outH, g.outW)
      const ranges = imageRanges(batch, team.threads)
      const biasBytes = bias ? heap.need(bias, filters) : 0
      const placed = heap.need(x, s.input) + heap.need(y, s.output) + heap.need(weight, s.weight) + biasBytes
      heap.begin(placed + work * ranges.length)
      const px = heap.input(x, s.input)
      const pw = heap.input(weight, s.weight)
      const pb = bias ? heap.input(bias, filters) : 0
      const py = heap.output(y, s.output, false)
      const tasks = ranges.map(([n0, n1]) => [
        py + n0 * filters * s.p * 4,
        px + n0 * s.inSize * 4,
        pw,
        pb,
        n1 - n0,
        filters,
        ...geometry11(g),
        heap.scratch(work),
      ])
      team.run('conv2dForward', tasks, ex)
      heap.copyOut(y, py, s.output)
    },

    conv2dBackward(dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g) {
      const s = shape(g, batch, filters)
      const chunks = ex.conv2dChunks(batch)
      if (chunks < 2 || !worthSplitting(g, batch, filters)) {
        return single.conv2dBackward(dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g)
      }
      requireLength('conv2dBackward', 'x', x, s.input, `(${batch}, C, H, W)`)
      requireLength('conv2dBackward', 'dy', dy, s.output, `(${batch}, ${filters}, ${g.outH}, ${g.outW})`)
      requireLength('conv2dBackward', 'weight', weight, s.weight, `(${filters}, C·KH·KW)`)
      requireLength('conv2dBackward', 'dWeight', dWeight, s.weight, `(${filters}, C·KH·KW)`)
      if (dBias) requireLength('conv2dBackward', 'dBias', dBias, filters, `(${filters})`)
      if (dx) requireLength('conv2dBackward', 'dx', dx, s.input, `(${batch}, C, H, W)`)
      const work = ex.conv2dWorkspaceBytes(filters, g.channels, g.kernelH, g.kernelW, g.outH, g.outW)
      const partial = ex.partialBytes(s.weight)
      const ranges = imageRanges(chunks, team.threads) // ranges of chunks
      heap.begin(
        heap.need(x, s.input) +
          heap.need(dy, s.output) +
          2 * heap.need(weight, s.weight) +
          (dBias ? heap.need(dBias, filters) : 0) +
          (dx ? heap.need(dx, s.input) : 0) +
          partial * chunks +
          work * ranges.length,
      )
      const px = heap.input(x, s.input)
      const pdy = heap.input(dy, s.output)
      const pw = heap.input(weight, s.weight)
      const pdw = heap.output(dWeight, s.weight, true)
      const pdb = dBias ? heap.output(dBias, filters, true) : 0
      const pdx = dx ? heap.output(dx, s.input, false) : 0
      const partials = heap.scratch(partial * chunks)
      if (dBias) ex.sumChannels(pdb, pdy, batch, filters, s.p)
      const g11 = geometry11(g)
      const tasks = ranges.map(([c0, c1]) => [
        partials + c0 * partial,
        pdx,
        pdy,
        px,
        pw,
        batch,
        filters,
        ...g11,
        heap.scratch(work),
        c0,
        c1,
      ])
      team.run('conv2dBackwardChunks', tasks, ex)
      ex.addPartials(pdw, partials, chunks, s.weight)
      heap.copyOut(dWeight, pdw, s.weight)
      if (dBias) heap.copyOut(dBias, pdb, filters)
      if (dx) heap.copyOut(dx, pdx, s.input)
    },
  }
}
