import { describe, expect, it } from 'vitest'
import { type Result, ratios } from '../run'
import { parsePeerOutput, runJsPeer } from './spawn'

describe('JavaScript bench peers', () => {
  it('sorts a child’s lines into results, missing and notes', () => {
    const run = parsePeerOutput(
      'tfjs-wasm',
      [
        'a warning line',
        '{"peer":"tfjs-wasm","version":"4.22.0","workload":"dlpy-b1","threads":1,"batchSize":1,' +
          '"samplesPerSecond":350,"samplesPerCpuSecond":340,"seconds":1}',
        '{"peer":"tfjs-wasm","workload":"lenet5-b64","unsupported":"no kernel"}',
        '{"peer":"tfjs-wasm","note":"float32"}',
      ].join('\n'),
    )
    expect(run.missing).toBeUndefined()
    expect(run.results.map((r) => [r.workload, r.samplesPerCpuSecond])).toEqual([['dlpy-b1', 340]])
    expect(run.notes).toEqual(['lenet5-b64: not supported: no kernel', 'float32'])
    expect(
      parsePeerOutput('convnetjs', '{"peer":"convnetjs","missing":"peer not installed"}\n').missing,
    ).toBe('peer not installed')
  })

  it('convnetjs trains dlpy-b1 in a child and its line gives a per-CPU-second ratio', () => {
    const run = runJsPeer('convnetjs', 0.05, ['dlpy-b1'])
    expect(run.missing).toBeUndefined()
    expect(run.results).toHaveLength(1)
    const r = run.results[0]!
    expect(r).toMatchObject({
      peer: 'convnetjs',
      version: '0.3.0',
      workload: 'dlpy-b1',
      threads: 1,
      batchSize: 1,
    })
    expect(r.samplesPerSecond).toBeGreaterThan(0)
    expect(r.samplesPerCpuSecond).toBeGreaterThan(0)
    const ours: Result = {
      workload: 'dlpy-b1',
      samplesPerSecond: 1,
      samplesPerCpuSecond: 2 * r.samplesPerCpuSecond,
      threads: 1,
      backend: 'js',
      relaxedSimd: false,
      seconds: 1,
    }
    expect(ratios([ours], run.results)).toEqual([
      { ratio: 2, workload: 'dlpy-b1', peer: 'convnetjs', peerThreads: 1, basis: 'cpu' },
    ])
  }, 60_000)

  it('tfjs-wasm trains the MLP and reports LeNet-5 as not supported (no conv backprop kernel)', () => {
    const run = runJsPeer('tfjs-wasm', 0.05, ['mlp784-b64', 'lenet5-b64'])
    expect(run.missing).toBeUndefined()
    expect(run.results.map((r) => [r.workload, r.batchSize, r.threads])).toEqual([['mlp784-b64', 64, 1]])
    expect(run.results[0]!.samplesPerSecond).toBeGreaterThan(0)
    expect(run.notes).toContain(
      "lenet5-b64: not supported: Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'",
    )
  }, 60_000)
})
