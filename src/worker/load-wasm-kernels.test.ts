import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import '../engine'
import { getKernel, kernelBackends } from '../engine/kernels/registry'
import { relaxedSimdSupported } from '../engine/kernels/wasm'
import { ensureWasmBuilt } from '../engine/kernels/wasm/test-support/load-wasm'
import { loadWasmKernels } from './load-wasm-kernels'

describe('loadWasmKernels (Node)', () => {
  it('reads build/wasm, picks the build this runtime runs, and activates the wasm kernels', async () => {
    ensureWasmBuilt()
    expect(kernelBackends()['gemm']).toBe('js')
    const backend = await loadWasmKernels()
    expect(backend.relaxedSimd).toBe(relaxedSimdSupported())
    expect(kernelBackends()['gemm']).toBe('wasm')
    const c = new Float32Array(4)
    getKernel('gemm')(
      c,
      Float32Array.of(1, 2, 3, 4),
      Float32Array.of(5, 6, 7, 8),
      2,
      2,
      2,
      false,
      false,
      false,
    )
    expect(Array.from(c)).toEqual([19, 22, 43, 50])
  })

  it('names the file and the build command when the module is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dllab-wasm-'))
    try {
      await expect(loadWasmKernels({ dir: empty, relaxed: false })).rejects.toThrow(
        /kernels-simd\.wasm.*node scripts\/build-wasm\.mjs/,
      )
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
