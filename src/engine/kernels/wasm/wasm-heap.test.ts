import { describe, expect, it } from 'vitest'
import { EngineError, ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { randomFloats } from '../test-support/close'
import { geometry } from '../test-support/reference'
import { loadWasmForTests } from './test-support/load-wasm'

/**
 * Data movement of the WebAssembly backend (wasm-heap.ts): arrays allocated in wasm memory
 * (allocFloat32) are used in place, others are copied in and out; both give the same bits, alone or
 * mixed, at offsets and in place. With resident arrays alive the heap refuses to grow an unshared
 * memory (growth would detach them) until the peak is reserved.
 */
const { kernels, heap } = await loadWasmForTests({ activate: false, backend: 'wasm-heap-test' })

function resident(values: Float32Array): Float32Array {
  const array = heap.allocFloat32(values.length)
  array.set(values)
  return array
}

describe('wasm heap: resident and copied arrays', () => {
  const rng = new Rng(8008)

  it('allocFloat32 gives zeroed views of wasm memory, also over bytes an earlier call used', () => {
    heap.resetAllocations()
    kernels.reluForward(new Float32Array(1000), randomFloats(rng, 1000), 1000) // leaves scratch behind
    const array = heap.allocFloat32(1000)
    expect(heap.isResident(array)).toBe(true)
    expect(array.byteOffset % 64).toBe(0)
    expect(array.every((v) => v === 0)).toBe(true)
    expect(heap.isResident(new Float32Array(4))).toBe(false)
    expect(() => heap.allocFloat32(1.5)).toThrow(EngineError)
    heap.resetAllocations()
  })

  it('gemm gives the same bits with resident, copied and mixed arguments, accumulating too', () => {
    heap.resetAllocations()
    const [m, n, k] = [37, 29, 41]
    const a = randomFloats(rng, m * k)
    const b = randomFloats(rng, k * n)
    const c0 = randomFloats(rng, m * n)
    const copied = c0.slice()
    kernels.gemm(copied, a, b, m, n, k, false, true, true)
    const inPlace = resident(c0)
    kernels.gemm(inPlace, resident(a), resident(b), m, n, k, false, true, true)
    expect(Array.from(inPlace)).toEqual(Array.from(copied))
    const mixed = c0.slice()
    kernels.gemm(mixed, resident(a), b, m, n, k, false, true, true)
    expect(Array.from(mixed)).toEqual(Array.from(copied))
    heap.resetAllocations()
  })

  it('im2col and col2im read and write a resident batch at an image offset', () => {
    heap.resetAllocations()
    const g = geometry(3, 9, 8, [3, 3], [2, 1], [1, 1])
    const inSize = 3 * 9 * 8
    const size = 27 * g.outH * g.outW
    const batch = randomFloats(rng, 3 * inSize)
    const expected = new Float32Array(size)
    kernels.im2col(expected, batch, inSize, g)
    const cols = heap.allocFloat32(size)
    kernels.im2col(cols, resident(batch), inSize, g)
    expect(Array.from(cols)).toEqual(Array.from(expected))

    const dx = randomFloats(rng, 3 * inSize)
    const dxCopied = dx.slice()
    kernels.col2im(dxCopied, 2 * inSize, expected, g)
    const dxResident = resident(dx)
    kernels.col2im(dxResident, 2 * inSize, cols, g)
    expect(Array.from(dxResident)).toEqual(Array.from(dxCopied))
    heap.resetAllocations()
  })

  it('backward kernels run in place on a resident buffer (dx = dy)', () => {
    heap.resetAllocations()
    const x = randomFloats(rng, 101)
    const dy = randomFloats(rng, 101)
    const expected = new Float32Array(101)
    kernels.reluBackward(expected, dy, x, 101)
    const both = resident(dy)
    kernels.reluBackward(both, both, resident(x), 101)
    expect(Array.from(both)).toEqual(Array.from(expected))
    heap.resetAllocations()
  })

  it('maxPoolBackward rejects an argmax past dx without touching dx', () => {
    const dx = Float32Array.of(1, 2)
    expect(() => kernels.maxPoolBackward(dx, Float32Array.of(5, 5), Int32Array.of(1, 2), 2)).toThrow(
      ShapeError,
    )
    expect(() => kernels.maxPoolBackward(dx, Float32Array.of(5, 5), Int32Array.of(1, 2), 2)).toThrow(
      /argmax\[1\] = 2 points past dx of 2 values/,
    )
    expect(Array.from(dx)).toEqual([1, 2])
  })
})

describe('wasm heap: growth', () => {
  it('grows freely for copied arguments, refuses while resident arrays live, and works after reserve()', async () => {
    const small = await loadWasmForTests({ activate: false, backend: 'wasm-small', initialMiB: 1 })
    const before = small.heap.byteLength
    const n = 200_000 // 0.8 MB per array: two need more than 1 MiB
    small.kernels.reluForward(new Float32Array(n), new Float32Array(n).fill(1), n)
    expect(small.heap.byteLength).toBeGreaterThan(before)

    const grown = small.heap.byteLength
    const held = small.heap.allocFloat32(grown / 4 - 20_000) // nearly all of it
    const call = (): void => small.kernels.reluForward(new Float32Array(n), new Float32Array(n), n)
    expect(call).toThrow(EngineError)
    expect(call).toThrow(/reserve\(bytes\)/)
    expect(held.length).toBe(grown / 4 - 20_000) // not detached

    small.heap.resetAllocations()
    small.heap.reserve(grown + 8 * n + 1024)
    const kept = small.heap.allocFloat32(grown / 4 - 20_000)
    kept[0] = 3
    call()
    expect(kept[0]).toBe(3) // still attached: no growth happened
    expect(small.heap.allocatedBytes).toBeGreaterThan(0)
  })
})
