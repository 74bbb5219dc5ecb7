import { describe, expect, it } from 'vitest'
import { jsKernels } from '../js'
import type { KernelName } from '../kernel-types'
import { getKernel, kernelBackends, registeredBackends } from '../registry'
import { describeKernels } from '../test-support/kernel-suite'
import { WASM_BACKEND } from './index'
import { loadWasmForTests } from './test-support/load-wasm'

/**
 * The WebAssembly backend runs the same backend-independent suite as the JS reference
 * (test-support/kernel-suite.ts: lecture examples, GEMM in all transpose cases, im2col/col2im,
 * pooling against definitions, central differences and PyTorch, activations, biases, size errors),
 * with the same explicit tolerances. The plain SIMD build is tested here (Node 20 runs relaxed SIMD
 * only behind a flag); wasm-relaxed.test.ts runs the relaxed build in a child process with the flag.
 */
const backend = await loadWasmForTests()

describe('WebAssembly backend registration', () => {
  it("registers all 28 kernels of the contract under 'wasm' and makes them the active ones", () => {
    const names = Object.keys(jsKernels) as KernelName[]
    expect(Object.keys(backend.kernels).sort()).toEqual([...names].sort())
    for (const name of names) {
      expect(registeredBackends(name)).toEqual(expect.arrayContaining(['js', WASM_BACKEND]))
      expect(getKernel(name, WASM_BACKEND)).toBe(backend.kernels[name])
      expect(getKernel(name)).toBe(backend.kernels[name])
      expect(kernelBackends()[name]).toBe(WASM_BACKEND)
    }
    expect(backend.relaxedSimd).toBe(false)
  })
})

describeKernels(WASM_BACKEND)
