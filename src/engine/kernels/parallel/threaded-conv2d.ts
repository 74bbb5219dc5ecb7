import type { Conv2dGeometry, KernelSignatures } from '../kernel-types'
import {
  conv2dWorkspace,
  copyOutConv2dBackward,
  placeConv2dBackward,
  placeConv2dForward,
  wasmConv2d,
} from '../wasm/conv2d'
import { geometryArgs } from '../wasm/wasm-exports'
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
  const worthSplitting = (g: Conv2dGeometry, batch: number, filters: number): boolean => {
    const multiplyAdds = filters * g.channels * g.kernelH * g.kernelW * g.outH * g.outW * batch
    return team.running && batch >= 2 && multiplyAdds >= minMultiplyAdds
  }
  return {
    conv2dForward(y, x, weight, bias, cols, batch, filters, g) {
      if (!worthSplitting(g, batch, filters))
        return single.conv2dForward(y, x, weight, bias, cols, batch, filters, g)
      const work = conv2dWorkspace(ex, g, filters)
      const ranges = imageRanges(batch, team.threads)
      const p = placeConv2dForward(heap, work * ranges.length, y, x, weight, bias, cols, batch, filters, g)
      if (!p) return
      const args = geometryArgs(g)
      const tasks = ranges.map(([n0, n1]) => [
        p.py + n0 * filters * p.s.positions * 4,
        p.px + n0 * p.s.inSize * 4,
        p.pw,
        p.pb,
        n1 - n0,
        filters,
        ...args,
        heap.scratch(work),
      ])
      team.run('conv2dForward', tasks, ex)
      heap.copyOut(y, p.py, p.s.output)
    },

    conv2dBackward(dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g) {
      const chunks = ex.conv2dChunks(batch)
      if (chunks < 2 || !worthSplitting(g, batch, filters)) {
        return single.conv2dBackward(dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g)
      }
      const work = conv2dWorkspace(ex, g, filters)
      const ranges = imageRanges(chunks, team.threads) // ranges of chunks
      const partial = ex.partialBytes(filters * g.channels * g.kernelH * g.kernelW)
      const scratch = partial * chunks + work * ranges.length
      const p = placeConv2dBackward(heap, scratch, dx, dWeight, dBias, dy, x, weight, cols, batch, filters, g)
      if (!p) return
      const partials = heap.scratch(partial * chunks)
      if (dBias) ex.sumChannels(p.pdb, p.pdy, batch, filters, p.s.positions)
      const args = geometryArgs(g)
      const tasks = ranges.map(([c0, c1]) => [
        partials + c0 * partial,
        p.pdx,
        p.pdy,
        p.px,
        p.pw,
        batch,
        filters,
        ...args,
        heap.scratch(work),
        c0,
        c1,
      ])
      team.run('conv2dBackwardChunks', tasks, ex)
      ex.addPartials(p.pdw, partials, chunks, p.s.weight)
      copyOutConv2dBackward(heap, p, dx, dWeight, dBias, filters)
    },
  }
}
