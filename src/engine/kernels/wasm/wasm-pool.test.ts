import { describe, expect, it } from 'vitest'
import { Rng } from '../../init/rng'
import '../js'
import { getKernel } from '../registry'
import { geometry } from '../test-support/reference'
import { loadWasmForTests } from './test-support/load-wasm'

/**
 * Max pooling's vector path (four outputs at once, for windows inside the image: stride 1 with one
 * load, stride 2 with a shuffle, other strides lane by lane) needs images wider than the shared
 * suite's; here against the JS reference, bit for bit (values and argmax), on LeNet-5's pools and
 * random geometries, with ties (values on a coarse grid) and NaNs placed at random.
 */
const { kernels } = await loadWasmForTests({ activate: false })

function image(rng: Rng, n: number): Float32Array {
  const x = new Float32Array(n)
  for (let i = 0; i < n; i++) x[i] = rng.int(100) === 0 ? Number.NaN : rng.int(7) - 3 // many ties
  return x
}

function same(g: ReturnType<typeof geometry>, x: Float32Array): void {
  const size = g.channels * g.outH * g.outW
  const yJs = new Float32Array(size)
  const aJs = new Int32Array(size)
  getKernel('maxPoolForward', 'js')(yJs, aJs, x, g)
  const yWasm = new Float32Array(size)
  const aWasm = new Int32Array(size)
  kernels.maxPoolForward(yWasm, aWasm, x, g)
  expect(Array.from(yWasm)).toEqual(Array.from(yJs))
  expect(Array.from(aWasm)).toEqual(Array.from(aJs))
}

describe('wasm max pooling: the four-outputs-at-once path', () => {
  const rng = new Rng(3030)

  it("LeNet-5's pools: 6 and 16 planes of 28×28 and 10×10, 2×2 windows, stride 2 (batch of 4)", () => {
    same(geometry(4 * 6, 28, 28, [2, 2], [2, 2], [0, 0]), image(rng, 4 * 6 * 784))
    same(geometry(4 * 16, 10, 10, [2, 2], [2, 2], [0, 0]), image(rng, 4 * 16 * 100))
  })

  it('random geometries: windows 1–5, strides 1–3, padding up to half the window, widths 8–40', () => {
    for (let t = 0; t < 60; t++) {
      const k: [number, number] = [1 + rng.int(5), 1 + rng.int(5)]
      const pad: [number, number] = [rng.int((k[0] >> 1) + 1), rng.int((k[1] >> 1) + 1)]
      const stride: [number, number] = [1 + rng.int(3), 1 + rng.int(3)]
      const g = geometry(1 + rng.int(3), 5 + rng.int(20), 8 + rng.int(33), k, stride, pad)
      if (g.outH < 1 || g.outW < 1) continue
      same(g, image(rng, g.channels * g.height * g.width))
    }
  })
})
