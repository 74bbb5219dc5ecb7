import { describe, expect, it } from 'vitest'
import { measure } from './measure'
import { machine } from './machine'
import { workloads } from './workloads'
import { type Result, parseArgs, ratios } from './run'

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

  it('training steps tell the bytes of their weights and synthetic data', () => {
    const step = workloads.find((w) => w.id === 'lenet5-b64')!.create()
    expect(step.weightBytes).toBe(4 * 61_706) // LeNet-5's parameters, float32
    expect(step.dataBytes).toBe(4 * 1024 * (784 + 10)) // 1,024 images and one-hot targets
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

describe('bench options and ratios', () => {
  it('parses --backend and rejects unknown backends', () => {
    expect(parseArgs([], 'wasm').backend).toBe('wasm')
    expect(parseArgs(['--backend', 'js', '--json', '--no-peers'], 'wasm')).toMatchObject({
      backend: 'js',
      json: true,
      peers: false,
    })
    expect(() => parseArgs(['--backend', 'gpu'], 'js')).toThrow(/--backend must be js or wasm, got 'gpu'/)
  })

  it('divides ours by the peer: per CPU-second for 1 peer thread, per wall second otherwise', () => {
    const ours: Result[] = [
      {
        workload: 'lenet5-b64',
        samplesPerSecond: 1000,
        samplesPerCpuSecond: 2000,
        threads: 1,
        backend: 'wasm',
        relaxedSimd: false,
        batchSize: 64,
        seconds: 1,
      },
    ]
    const peer = { peer: 'torch' as const, version: '1', workload: 'lenet5-b64', batchSize: 64, seconds: 1 }
    const r = ratios(ours, [
      { ...peer, threads: 1, samplesPerSecond: 100, samplesPerCpuSecond: 4000 },
      { ...peer, threads: 2, samplesPerSecond: 500, samplesPerCpuSecond: 300 },
      { ...peer, workload: 'ae784-b1', threads: 1, samplesPerSecond: 1, samplesPerCpuSecond: 1 },
    ])
    expect(r).toEqual([
      { ratio: 0.5, workload: 'lenet5-b64', peer: 'torch', peerThreads: 1, basis: 'cpu' },
      { ratio: 2, workload: 'lenet5-b64', peer: 'torch', peerThreads: 2, basis: 'wall' },
    ])
  })
})
