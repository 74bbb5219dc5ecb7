import { describe, expect, it } from 'vitest'
import { GEMM_MR, GEMM_NR, type GemmSplit, partitionGemm } from './gemm-partition'

/** Counts how often each element of C (m×n) is covered by the panels. */
function coverage(m: number, n: number, panels: ReturnType<typeof partitionGemm>): Uint8Array {
  const hits = new Uint8Array(m * n)
  for (const p of panels)
    for (let i = p.i0; i < p.i1; i++) for (let j = p.j0; j < p.j1; j++) hits[i * n + j]!++
  return hits
}

describe('partitionGemm', () => {
  const shapes: [GemmSplit, number, number][] = [
    ['blocked', 6, 784], // conv1 forward per image: column strips
    ['blocked', 400, 120], // dense ∂W: row strips
    ['blocked', 150, 13], // ∂X′-like, few columns
    ['blocked', 9, 9],
    ['dot-rows', 6, 25],
    ['dot-rows', 7, 150],
    ['dot-rows', 1, 40],
  ]
  for (const [split, m, n] of shapes) {
    for (const threads of [1, 2, 3, 4, 8]) {
      it(`${split} ${m}×${n} on ${threads} threads: every element once, cuts on the kernel's units`, () => {
        const panels = partitionGemm(split, m, n, threads)
        expect(panels.length).toBeGreaterThanOrEqual(1)
        expect(panels.length).toBeLessThanOrEqual(threads)
        expect([...coverage(m, n, panels)].every((h) => h === 1)).toBe(true)
        for (const p of panels) {
          if (split === 'dot-rows') {
            expect(p.i0 % 2).toBe(0)
            expect([p.j0, p.j1]).toEqual([0, n])
          } else {
            expect(p.i0 % GEMM_MR).toBe(0)
            expect(p.j0 % GEMM_NR).toBe(0)
            if (p.i1 !== m) expect(p.i1 % GEMM_MR).toBe(0)
            if (p.j1 !== n) expect(p.j1 % GEMM_NR).toBe(0)
          }
        }
      })
    }
  }

  it('cuts the axis with more strips, evenly', () => {
    expect(partitionGemm('blocked', 6, 784, 2)).toEqual([
      { i0: 0, i1: 6, j0: 0, j1: 392 },
      { i0: 0, i1: 6, j0: 392, j1: 784 },
    ])
    expect(partitionGemm('blocked', 400, 120, 3).map((p) => [p.i0, p.i1])).toEqual([
      [0, 132],
      [132, 264],
      [264, 400],
    ])
    expect(partitionGemm('dot-rows', 6, 25, 2).map((p) => [p.i0, p.i1])).toEqual([
      [0, 2],
      [2, 6],
    ])
  })
})
