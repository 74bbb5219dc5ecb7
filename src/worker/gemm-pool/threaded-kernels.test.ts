import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildModel, createOptimizer, getLoss, trainStep } from '../../engine'
import { threadedWasmConv2d } from '../../engine/kernels/parallel/threaded-conv2d'
import { partitionGemm } from '../../engine/kernels/parallel/gemm-partition'
import { type PanelExports, SPLITS, threadedWasmGemm } from '../../engine/kernels/parallel/threaded-gemm'
import type { Conv2dGeometry, KernelSignatures } from '../../engine/kernels/kernel-types'
import { useBackend } from '../../engine/kernels/registry'
import { ensureWasmBuilt } from '../../engine/kernels/wasm/test-support/load-wasm'
import { leNet5LogitsSpec } from '../../engine/models/test-support/lecture-specs'
import { randomOneHot, uniformData } from '../../engine/models/test-support/toy-data'
import { type LoadedWasmKernels, loadWasmKernels } from '../load-wasm-kernels'

/**
 * The worker-thread kernels give the SAME BYTES as the single-thread wasm kernels (the unshared
 * kernels-simd.wasm) on 2 and 3 threads: GEMM over odd and LeNet-sized shapes in all four transpose
 * cases, conv2d forward and backward, and whole LeNet-5 training steps. Threshold 0 in the kernel
 * tests so that every shape really is split (splitCount proves it).
 */
let one: LoadedWasmKernels
const teams: Record<number, LoadedWasmKernels> = {}

beforeAll(async () => {
  ensureWasmBuilt()
  one = await loadWasmKernels({ threads: 1, relaxed: false, backend: 'wasm-1', activate: false })
  for (const t of [2, 3]) {
    teams[t] = await loadWasmKernels({ threads: t, relaxed: false, backend: `wasm-${t}`, activate: false })
  }
})

afterAll(async () => {
  await Promise.all(Object.values(teams).map((b) => b.close()))
})

function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
}

/** Index of the first differing byte, or −1 when equal (fast, unlike a deep equality of large arrays). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length)
  const i = Buffer.compare(a, b) === 0 ? -1 : a.findIndex((v, j) => v !== b[j])
  return i
}

function random(n: number, seed: number): Float32Array {
  return uniformData([n], seed).data.map((v) => v - 0.5)
}

describe('threaded kernels: bit-identical to one thread', () => {
  it('loads the shared build with its threads', () => {
    expect(one.threads).toBe(1)
    expect(teams[2]!.threads).toBe(2)
    expect(teams[3]!.team!.threads).toBe(3)
    expect(teams[2]!.memory.buffer).toBeInstanceOf(SharedArrayBuffer)
  })

  // [m, n, k]: odd and tiny, LeNet-5's (conv1 ∂F 6×25×784, conv2 forward 16×100×150, dense), large
  const shapes: [number, number, number][] = [
    [2, 19, 5],
    [5, 19, 2],
    [7, 9, 13],
    [9, 17, 3],
    [6, 25, 784],
    [16, 100, 150],
    [64, 120, 400],
    [400, 120, 64],
    [33, 1029, 300],
    [131, 67, 529],
  ]
  for (const [m, n, k] of shapes) {
    for (const [transA, transB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`gemm ${m}×${n}×${k} transA ${transA} transB ${transB}, = and +=`, () => {
        const a = random(m * k, m + k)
        const b = random(k * n, n + k + 1)
        const start = random(m * n, 7)
        for (const accumulate of [false, true]) {
          const want = start.slice()
          one.kernels.gemm(want, a, b, m, n, k, transA, transB, accumulate)
          for (const t of [2, 3]) {
            const team = teams[t]!
            const gemm = threadedWasmGemm(team.exports as PanelExports, team.heap, team.team!, 0)
            const got = start.slice()
            const before = team.team!.splitCount
            gemm(got, a, b, m, n, k, transA, transB, accumulate)
            expect(firstDifference(bytes(got), bytes(want)), `${t} threads`).toBe(-1)
            const ex = team.exports as PanelExports
            const split = SPLITS[ex.gemmSplitKind(m, n, k, transA ? 1 : 0, transB ? 1 : 0)]
            const panels = split ? partitionGemm(split, m, n, t).length : 1
            expect(team.team!.splitCount, 'split').toBe(before + (panels > 1 ? 1 : 0))
            if (m * n * k > 1000) expect(panels).toBeGreaterThan(1) // the LeNet-sized shapes do split
          }
        }
      })
    }
  }

  const geometries: [string, Conv2dGeometry, number, number][] = [
    // batches of more than one chunk of 8 images (the backward splits by chunks), the last one short
    ['LeNet-5 conv1', geometry(1, 28, 28, 5, 1, 2), 6, 20],
    ['LeNet-5 conv2', geometry(6, 14, 14, 5, 1, 0), 16, 17],
    ['odd: 3×11×9, kernel 3, stride 2, pad 1', geometry(3, 11, 9, 3, 2, 1), 5, 9],
  ]
  for (const [name, g, filters, batch] of geometries) {
    it(`conv2d forward and backward: ${name}, batch ${batch}`, () => {
      const inSize = g.channels * g.height * g.width
      const patch = g.channels * g.kernelH * g.kernelW
      const outSize = filters * g.outH * g.outW
      const x = random(batch * inSize, 11)
      const w = random(filters * patch, 12)
      const bias = random(filters, 13)
      const dy = random(batch * outSize, 14)
      const dw0 = random(filters * patch, 15)
      const db0 = random(filters, 16)
      const cols = new Float32Array(patch * g.outH * g.outW)
      const run = (k: Pick<KernelSignatures, 'conv2dForward' | 'conv2dBackward'>, withDx: boolean) => {
        const y = new Float32Array(batch * outSize)
        k.conv2dForward(y, x, w, bias, cols, batch, filters, g)
        const dx = withDx ? new Float32Array(batch * inSize).fill(9) : null
        const dw = dw0.slice()
        const db = db0.slice()
        k.conv2dBackward(dx, dw, db, dy, x, w, cols, batch, filters, g)
        return [y, dw, db, ...(dx ? [dx] : [])].map(bytes)
      }
      for (const withDx of [true, false]) {
        const want = run(one.kernels, withDx)
        for (const t of [2, 3]) {
          const team = teams[t]!
          const before = team.team!.splitCount
          const got = run(threadedWasmConv2d(team.exports as PanelExports, team.heap, team.team!, 0), withDx)
          expect(got.length).toBe(want.length)
          got.forEach((g, i) =>
            expect(firstDifference(g, want[i]!), `${t} threads, dx ${withDx}, output ${i}`).toBe(-1),
          )
          expect(team.team!.splitCount).toBe(before + 2) // forward and backward
        }
      }
    })
  }

  it('LeNet-5: three training steps (batch 20) leave the same weights on 1, 2 and 3 threads', () => {
    const x = uniformData([20, 1, 28, 28], 2)
    const t = randomOneHot(20, 10, 3)
    const weightsAfter = (backend: string): Uint8Array[] => {
      useBackend(backend)
      const model = buildModel(leNet5LogitsSpec, { seed: 1, logits: true })
      const optimizer = createOptimizer('sgd', model.parameters(), { lr: 0.05, momentum: 0.9 })
      const loss = getLoss('softmax-cross-entropy')
      for (let s = 0; s < 3; s++) trainStep(model, loss, optimizer, x, t)
      return model.parameters().map((p) => bytes(p.value.data).slice())
    }
    const want = weightsAfter('wasm-1')
    expect(want.length).toBe(10) // 2 conv + 3 dense, weights and biases
    for (const threads of [2, 3]) {
      const splits = teams[threads]!.team!.splitCount
      const got = weightsAfter(`wasm-${threads}`)
      got.forEach((g, i) =>
        expect(firstDifference(g, want[i]!), `${threads} threads, parameter ${i}`).toBe(-1),
      )
      expect(teams[threads]!.team!.splitCount).toBeGreaterThan(splits) // the default threshold split some
    }
    useBackend('js')
  })
})

function geometry(channels: number, size: number, _w: number, kernel: number, stride: number, pad: number) {
  const out = (size - kernel + 2 * pad) / stride + 1
  const o = Math.floor(out)
  const g: Conv2dGeometry = {
    channels,
    height: size,
    width: _w,
    kernelH: kernel,
    kernelW: kernel,
    strideH: stride,
    strideW: stride,
    padH: pad,
    padW: pad,
    outH: o,
    outW: Math.floor((_w - kernel + 2 * pad) / stride + 1),
  }
  return g
}
