import { describe, expect, it } from 'vitest'
import { measure } from './measure'
import { machine } from './machine'
import { workloads } from './workloads'

describe('bench harness', () => {
  it('measure: reports work per second over at least minSteps steps', () => {
    let calls = 0
    const m = measure(
      () => {
        calls++
        return 10
      },
      { budgetSeconds: 0.01, warmupSeconds: 0, minSteps: 5 },
    )
    expect(m.steps).toBeGreaterThanOrEqual(5)
    expect(calls).toBeGreaterThanOrEqual(m.steps + 1) // warm-up runs at least once
    expect(m.rate).toBeCloseTo((10 * m.steps) / m.seconds, 6)
  })

  it('has the seven workloads of docs/benchmarks.md', () => {
    expect(workloads.map((w) => [w.id, w.unit, w.batchSize])).toEqual([
      ['dlpy-b1', 'samples', 1],
      ['mlp784-b64', 'samples', 64],
      ['lenet5-b64', 'samples', 64],
      ['ae784-b1', 'samples', 1],
      ['ae784-b64', 'samples', 64],
      ['gemm-256', 'flops', undefined],
      ['gemm-1024', 'flops', undefined],
    ])
  })

  it('each training workload runs a step over a batch of its size', () => {
    for (const w of workloads.filter((w) => w.unit === 'samples')) {
      const step = w.create()
      expect(step(), w.id).toBe(w.batchSize)
    }
  })

  it('gemm-256 counts 2·256³ FLOPs per call', () => {
    const step = workloads.find((w) => w.id === 'gemm-256')!.create()
    expect(step()).toBe(2 * 256 ** 3)
  })

  it('reads the machine description', () => {
    const m = machine()
    expect(m.cores).toBeGreaterThanOrEqual(1)
    expect(m.node).toBe(process.version)
    expect(m.cpu.length).toBeGreaterThan(0)
  })
})
