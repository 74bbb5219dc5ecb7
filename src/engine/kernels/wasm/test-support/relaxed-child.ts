import { Rng } from '../../../init/rng'
import { randomFloats } from '../../test-support/close'
import { gemmReference } from '../../test-support/reference'
import { loadWasmForTests } from './load-wasm'

/**
 * Run by wasm-relaxed.test.ts in a child `node --experimental-wasm-relaxed-simd --import tsx`: loads
 * the relaxed-SIMD build and prints, as one JSON line, for GEMM shapes covering every kernel path
 * (4×8 micro-kernel with packing, rows read in place, the 1–3-row kernels, dot products, the
 * one-row product, the outer product), accumulating into C, the worst error relative to
 * Σ|A_ip B_pj| + |C_ij|.
 */
const backend = await loadWasmForTests({ relaxed: true, activate: false })
const rng = new Rng(9009)
const shapes: [number, number, number, boolean, boolean][] = [
  [130, 1030, 260, false, false],
  [67, 45, 300, true, true],
  [6, 784, 25, false, false],
  [2, 33, 70, true, false],
  [5, 29, 131, false, true],
  [1, 400, 120, false, true],
  [1, 300, 77, true, false],
  [40, 30, 1, true, false],
]
const worst = shapes.map(([m, n, k, transA, transB]) => {
  const a = randomFloats(rng, m * k)
  const b = randomFloats(rng, k * n)
  const c0 = randomFloats(rng, m * n)
  const c = c0.slice()
  backend.kernels.gemm(c, a, b, m, n, k, transA, transB, true) // C += op(A)·op(B)
  const ref = gemmReference(a, b, m, n, k, transA, transB)
  let ratio = 0
  for (let i = 0; i < c.length; i++) {
    ratio = Math.max(ratio, Math.abs(c[i] - c0[i] - ref.value[i]) / (ref.scale[i] + Math.abs(c0[i])))
  }
  return { shape: `${m}×${n}×${k} ${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}`, ratio }
})
console.log(JSON.stringify({ relaxedSimd: backend.relaxedSimd, worst }))
