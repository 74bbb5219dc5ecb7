import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { KernelError } from '../../errors'
import { loadWasmBackend, relaxedSimdSupported } from './index'
import { wasmModuleBytes } from './test-support/load-wasm'

/**
 * The relaxed-SIMD build (f32x4.relaxed_madd in the GEMM kernels). Node 20 validates it only with
 * --experimental-wasm-relaxed-simd, so its numbers are checked in a child process started with that
 * flag (test-support/relaxed-child.ts); this process checks the detection and the refusal message.
 */
describe('relaxed-SIMD build', () => {
  it('computes GEMM within 1e−5·Σ|a·b| on every kernel path (child process with the flag)', () => {
    const child = fileURLToPath(new URL('./test-support/relaxed-child.ts', import.meta.url))
    const output = execFileSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', child],
      {
        cwd: fileURLToPath(new URL('../../../../', import.meta.url)), // the repository, where tsx is installed
        encoding: 'utf8',
      },
    )
    const result = JSON.parse(output.trim().split('\n').pop()!) as {
      relaxedSimd: boolean
      worst: { shape: string; ratio: number }[]
    }
    expect(result.relaxedSimd).toBe(true)
    expect(result.worst).toHaveLength(8)
    for (const { shape, ratio } of result.worst) expect(ratio, shape).toBeLessThanOrEqual(1e-5)
  })

  it('is refused with a KernelError naming the fix where the runtime lacks relaxed SIMD', async () => {
    const bytes = wasmModuleBytes('relaxed')
    if (relaxedSimdSupported()) {
      const backend = await loadWasmBackend(bytes, {
        relaxed: true,
        activate: false,
        backend: 'wasm-relaxed',
      })
      expect(backend.relaxedSimd).toBe(true)
    } else {
      await expect(loadWasmBackend(bytes, { relaxed: true, activate: false })).rejects.toThrow(KernelError)
      await expect(loadWasmBackend(bytes, { relaxed: true, activate: false })).rejects.toThrow(
        /--experimental-wasm-relaxed-simd/,
      )
    }
  })
})
