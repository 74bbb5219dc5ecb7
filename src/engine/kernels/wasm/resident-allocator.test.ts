import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { getLoss } from '../../losses'
import { buildModel } from '../../models/build-model'
import { leNet5LogitsSpec, mlp784Spec, tiedAutoencoderSpec } from '../../models/test-support/lecture-specs'
import { randomOneHot, uniformData } from '../../models/test-support/toy-data'
import { createOptimizer } from '../../optim'
import { allocFloat32 } from '../../tensor/float32-allocator'
import type { ModelSpec } from '../../models/spec-schema'
import { Tensor } from '../../tensor/tensor'
import { trainStep } from '../../train/train-step'
import '../js'
import { useBackend } from '../registry'
import { WASM_SHARED_MODULES, loadWasmBackend } from './index'
import { ensureWasmBuilt, loadWasmForTests } from './test-support/load-wasm'

/**
 * Training arrays resident in wasm memory (resident-allocator.ts): over a shared memory the active
 * allocator hands out views of the heap, kernels then copy nothing, and the results are the same
 * bits as the copy path (the same kernels, only where the operands sit differs).
 */
ensureWasmBuilt()
const sharedBytes = new Uint8Array(
  readFileSync(new URL(`../../../../build/wasm/${WASM_SHARED_MODULES.simd}`, import.meta.url)),
)
const resident = await loadWasmBackend(sharedBytes, { backend: 'wasm-resident', shared: {}, activate: false })
const copying = await loadWasmForTests({ backend: 'wasm-copying', activate: false })

afterAll(() => useBackend('js'))

/** Trains `steps` SGD-momentum steps on the active backend; returns the model's parameters. */
function train(spec: ModelSpec, inputShape: number[], autoencode: boolean, steps: number) {
  const model = buildModel(spec, { seed: 5, ...(autoencode ? {} : { logits: true }) })
  const optimizer = createOptimizer('sgd', model.parameters(), { lr: 0.05, momentum: 0.9 })
  const x = uniformData([8, ...inputShape], 6)
  const t = autoencode ? x : randomOneHot(8, model.outputShape[0]!, 7)
  const loss = getLoss(autoencode ? 'sse' : 'softmax-cross-entropy')
  const losses: number[] = []
  for (let s = 0; s < steps; s++) losses.push(trainStep(model, loss, optimizer, x, t))
  return { params: model.parameters(), losses }
}

describe('resident training arrays (wasm, shared memory)', () => {
  it('allocates from the heap only when the backend is active and its memory is shared', () => {
    useBackend('wasm-resident')
    expect(resident.heap.growsInPlace).toBe(true)
    expect(resident.heap.isResident(allocFloat32(10))).toBe(true)
    useBackend('wasm-copying')
    expect(copying.heap.growsInPlace).toBe(false)
    expect(resident.heap.isResident(allocFloat32(10))).toBe(false)
    expect(copying.heap.isResident(allocFloat32(10))).toBe(false)
    useBackend('js')
    expect(resident.heap.isResident(allocFloat32(10))).toBe(false)
  })

  const cases: [string, ModelSpec, number[], boolean][] = [
    ['MLP 784-…-10', mlp784Spec, [784], false],
    ['tied autoencoder 784-100-784', tiedAutoencoderSpec, [784], true],
    ['LeNet-5', leNet5LogitsSpec, [1, 28, 28], false],
  ]
  for (const [name, spec, inputShape, autoencode] of cases) {
    it(`${name}: parameters and gradients are resident, and training gives the copy path's bits`, () => {
      useBackend('wasm-copying')
      const expected = train(spec, inputShape, autoencode, 3)
      useBackend('wasm-resident')
      const got = train(spec, inputShape, autoencode, 3)
      for (const p of got.params) {
        expect(resident.heap.isResident(p.value.data)).toBe(true)
        expect(resident.heap.isResident(p.grad.data)).toBe(true)
      }
      expect(got.losses).toEqual(expected.losses)
      expect(got.losses[2]).not.toEqual(got.losses[0]) // it learned something
      got.params.forEach((p, i) =>
        expect(Array.from(p.value.data)).toEqual(Array.from(expected.params[i]!.value.data)),
      )
    })
  }

  it('keeps resident views attached when a large call grows the memory', () => {
    useBackend('wasm-resident')
    const kept = allocFloat32(1000)
    kept[7] = 42
    const before = resident.heap.byteLength
    const n = (before / 4) | 0 // a call whose scratch alone exceeds the current memory
    const y = new Float32Array(n)
    resident.kernels.reluForward(y, new Float32Array(n).fill(-1), n)
    expect(resident.heap.byteLength).toBeGreaterThan(before)
    expect(kept.length).toBe(1000)
    expect(kept[7]).toBe(42)
    const dy = new Tensor(kept, [1000])
    expect(dy.data[7]).toBe(42)
  })

  it('reuses a released block for the next allocation of the same size, but not across a reset', () => {
    const heap = resident.heap
    const a = heap.allocFloat32(300)
    a.fill(9)
    heap.releaseFloat32(a.byteOffset, 300, heap.allocationEpoch)
    const b = heap.allocFloat32(300)
    expect(b.byteOffset).toBe(a.byteOffset)
    expect(Array.from(b.subarray(0, 3))).toEqual([0, 0, 0]) // zeroed for its new owner
    const c = heap.allocFloat32(300)
    expect(c.byteOffset).not.toBe(b.byteOffset)
    const staleEpoch = heap.allocationEpoch
    heap.releaseFloat32(c.byteOffset, 300, staleEpoch - 1) // from before a reset: ignored
    expect(heap.allocFloat32(300).byteOffset).not.toBe(c.byteOffset)
  })
})
