import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { WASM_MODULES } from '../../engine/kernels/wasm'
import { ensureWasmBuilt } from '../../engine/kernels/wasm/test-support/load-wasm'
import { DEFAULT_WASM_DIR, loadWasmKernels } from '../load-wasm-kernels'
import { ThreadCountError, resolveThreadCount } from './thread-count'

/** The pool's life cycle: it starts, stops, lets the process exit, and falls back to one thread. */
describe('gemm pool', () => {
  const a = Float32Array.from({ length: 64 * 96 }, (_, i) => ((i * 7) % 13) - 6)
  const b = Float32Array.from({ length: 96 * 80 }, (_, i) => ((i * 5) % 11) - 5)

  it('after close() the team refuses work and gemm runs on the calling thread, same bytes', async () => {
    ensureWasmBuilt()
    const backend = await loadWasmKernels({
      threads: 2,
      relaxed: false,
      backend: 'pool-close',
      activate: false,
    })
    const before = new Float32Array(64 * 80)
    backend.kernels.gemm(before, a, b, 64, 80, 96, false, false, false)
    expect(backend.team!.splitCount).toBe(1) // 491,520 multiply-adds: above the default threshold
    await backend.close()
    expect(backend.team!.running).toBe(false)
    const after = new Float32Array(64 * 80)
    backend.kernels.gemm(after, a, b, 64, 80, 96, false, false, false)
    expect(backend.team!.splitCount).toBe(1)
    expect(Array.from(after)).toEqual(Array.from(before))
    await backend.close() // twice is fine
  })

  it('a process that never calls close() still exits when its work is done', () => {
    ensureWasmBuilt()
    const loader = fileURLToPath(new URL('../load-wasm-kernels.ts', import.meta.url))
    const script = [
      `const { loadWasmKernels } = await import(${JSON.stringify(loader)})`,
      `const k = await loadWasmKernels({ threads: 2, relaxed: false })`,
      `const c = new Float32Array(256 * 256)`,
      `k.kernels.gemm(c, new Float32Array(256 * 256).fill(1), new Float32Array(256 * 256).fill(2), 256, 256, 256, false, false, false)`,
      `console.log(k.threads, k.team.splitCount, c[0])`,
    ].join('\n')
    const started = Date.now()
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(out.trim()).toBe('2 1 512')
    expect(Date.now() - started).toBeLessThan(30_000)
  })

  it('falls back to one thread, with a note, when the shared build is missing', async () => {
    ensureWasmBuilt()
    const dir = mkdtempSync(join(tmpdir(), 'dllab-wasm-'))
    try {
      copyFileSync(fileURLToPath(new URL(WASM_MODULES.simd, DEFAULT_WASM_DIR)), join(dir, WASM_MODULES.simd))
      const backend = await loadWasmKernels({
        dir,
        threads: 2,
        relaxed: false,
        backend: 'pool-fallback',
        activate: false,
      })
      expect(backend.threads).toBe(1)
      expect(backend.team).toBeUndefined()
      expect(backend.note).toMatch(/kernels-simd-shared\.wasm.*GEMM runs on 1 thread/)
      expect(backend.memory.buffer).not.toBeInstanceOf(SharedArrayBuffer)
      const c = new Float32Array(64 * 80)
      backend.kernels.gemm(c, a, b, 64, 80, 96, false, false, false)
      let want = 0
      for (let p = 0; p < 96; p++) want += a[p]! * b[p * 80]!
      expect(c[0]).toBe(want) // small integers: exact
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('thread count', () => {
  it('takes the option, then DLLAB_THREADS, then the number of cores', () => {
    expect(resolveThreadCount(3, { DLLAB_THREADS: '2' })).toBe(3)
    expect(resolveThreadCount(undefined, { DLLAB_THREADS: ' 2 ' })).toBe(2)
    expect(resolveThreadCount(undefined, {})).toBeGreaterThanOrEqual(1)
  })

  it('rejects what is not a whole number from 1 to 256, naming where it came from', () => {
    expect(() => resolveThreadCount(undefined, { DLLAB_THREADS: 'two' })).toThrow(ThreadCountError)
    expect(() => resolveThreadCount(undefined, { DLLAB_THREADS: '0' })).toThrow(/DLLAB_THREADS: .* got "0"/)
    expect(() => resolveThreadCount(1.5)).toThrow(/threads: .* got "1.5"/)
  })
})
