import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MetricsLine } from '../../shared/experiment'
import { RunStore } from '../services/runs'
import { blobClassifier, writeBlobIdx, type BlobFiles } from './test-support/blob-data'
import { Harness, until } from './test-support/harness'

let h: Harness
let files: BlobFiles
beforeEach(async () => {
  h = await Harness.create()
  files = await writeBlobIdx(join(h.dir, 'data'))
})
afterEach(async () => {
  await h.supervisor.shutdown()
  await h.dispose()
})

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
const timeless = (lines: MetricsLine[]) => lines.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest)

describe('Supervisor: a run in a real worker process', () => {
  it('streams progress, epochs and checkpoints and ends with an evaluation', async () => {
    const started = await h.supervisor.start(blobClassifier(files, { epochs: 3 }), { name: 'first run' })
    expect(started).toMatchObject({ name: 'first run', task: 'classify', jobs: [{ job: 'train' }] })
    const end = await h.supervisor.settled(started.runId)
    const runId = started.runId

    expect(end).toMatchObject({
      status: 'finished',
      epoch: 3,
      step: 24,
      checkpoint: 'epoch-3.npz',
      active: false,
    })
    expect(end.evaluation).toEqual({ task: 'classify', split: 'test', accuracy: 1, correct: 16, total: 16 })
    const wasmBuilt = existsSync(new URL('../../../build/wasm/kernels-simd.wasm', import.meta.url))
    expect(end.jobs[0]!.data).toEqual({
      trainCount: 32,
      testCount: 16,
      classes: ['0', '1'],
      skipped: 0,
      fromCache: false,
      kernels: wasmBuilt ? 'wasm-simd' : 'js',
    })
    expect(h.states(runId).map((s) => s.status)).toEqual(['queued', 'running', 'finished'])
    const progress = h.of('progress', runId)
    expect(progress.length).toBeGreaterThanOrEqual(1)
    expect(progress[0]!.progress).toMatchObject({
      stage: 'train',
      epoch: 1,
      epochs: 3,
      step: 1,
      totalSteps: 24,
    })
    expect(h.of('epoch', runId).map((e) => e.metrics.epoch)).toEqual([1, 2, 3])
    expect(h.of('checkpoint', runId).map((e) => e.path)).toEqual([
      'checkpoints/epoch-1.npz',
      'checkpoints/epoch-2.npz',
      'checkpoints/epoch-3.npz',
    ])
    const last = h.of('epoch', runId).at(-1)!.metrics
    expect(last.testAccuracy).toBe(1)
    expect(last.trainLoss!).toBeLessThan(h.of('epoch', runId)[0]!.metrics.trainLoss!)

    const dir = join(h.workspace, 'runs', runId)
    expect(await readJson(join(dir, 'state.json'))).toMatchObject({
      format: 'dllab.run-state/1',
      status: 'finished',
      epoch: 3,
      step: 24,
      checkpoint: 'epoch-3.npz',
    })
    expect(await readJson(join(dir, 'evaluation.json'))).toMatchObject({ task: 'classify', split: 'test' })
    const listed = await h.supervisor.list()
    expect(listed.map((r) => [r.runId, r.status])).toEqual([[runId, 'finished']])
    await until(() => h.handles.length === 1, 1000)
    await new Promise<void>((resolve) => h.handles[0]!.onExit(() => resolve()))
  })

  it('pauses between two steps and resumes to the end', async () => {
    const files64 = await writeBlobIdx(join(h.dir, 'data64'), 64)
    const experiment = blobClassifier(files64, {
      epochs: 30,
      batchSize: 1,
      optimizer: { name: 'sgd', lr: 0.01 },
      checkpointEvery: 0,
    })
    const { runId } = await h.supervisor.start(experiment)
    await h.waitFor((e) => e.type === 'progress' && e.runId === runId)
    const paused = await h.supervisor.pause(runId)
    expect(paused.status).toBe('paused')
    const ack = await h.waitFor((e) => e.type === 'state' && e.run.jobs[0]?.pausedAt !== undefined)
    const pausedAt = ack.type === 'state' ? ack.run.jobs[0]!.pausedAt! : -1
    expect(pausedAt).toBeGreaterThan(0)
    expect(pausedAt).toBeLessThan(30 * 128)
    const before = h.of('progress', runId).length
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(h.of('progress', runId).length).toBe(before)
    expect(h.of('epoch', runId).every((e) => e.metrics.step <= pausedAt)).toBe(true)
    expect(await readJson(join(h.workspace, 'runs', runId, 'state.json'))).toMatchObject({ status: 'paused' })

    const resumed = await h.supervisor.resume(runId)
    expect(resumed.status).toBe('running')
    const end = await h.supervisor.settled(runId)
    expect(end).toMatchObject({ status: 'finished', step: 30 * 128 })
    expect(h.of('progress', runId).at(-1)!.progress.step).toBeGreaterThan(pausedAt)
  })

  it('cancel leaves a resumable checkpoint; resume-run ends like an uninterrupted run', async () => {
    const files64 = await writeBlobIdx(join(h.dir, 'data64'), 64)
    const experiment = blobClassifier(files64, {
      epochs: 12,
      batchSize: 1,
      optimizer: { name: 'sgd', lr: 0.01 },
      seed: 9,
      checkpointEvery: 4,
    })
    const whole = await h.supervisor.start(experiment, { name: 'whole' })
    const split = await h.supervisor.start(experiment, { name: 'split' })
    await h.waitFor((e) => e.type === 'progress' && e.runId === split.runId && e.progress.epoch >= 2)
    await h.supervisor.cancel(split.runId)
    const cancelled = await h.supervisor.settled(split.runId)
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'cancelled by the user', resumable: true })
    expect(cancelled.checkpoint).toMatch(/^epoch-\d+(-batch-\d+)?\.npz$/)
    expect(cancelled.step!).toBeLessThan(12 * 128)
    const state = await readJson(join(h.workspace, 'runs', split.runId, 'state.json'))
    expect(state).toMatchObject({
      status: 'cancelled',
      checkpoint: cancelled.checkpoint,
      step: cancelled.step,
    })

    const again = await h.supervisor.resumeRun(split.runId)
    expect(['queued', 'running']).toContain(again.status)
    expect(await h.supervisor.settled(split.runId)).toMatchObject({ status: 'finished', step: 12 * 128 })
    expect(await h.supervisor.settled(whole.runId)).toMatchObject({ status: 'finished', step: 12 * 128 })

    const store = new RunStore(h.workspace)
    const [a, b] = [await store.open(whole.runId), await store.open(split.runId)]
    expect(Buffer.from(await b.readWeights()).equals(Buffer.from(await a.readWeights()))).toBe(true)
    expect(timeless(await b.readMetrics())).toEqual(timeless(await a.readMetrics()))
    await expect(h.supervisor.resumeRun(split.runId)).rejects.toThrow(/is finished; start a new run/)
  })

  it('runs three jobs at once and queues a fourth (limit 3)', async () => {
    await h.supervisor.shutdown()
    const supervisor = (h.supervisor = h.newSupervisor({ concurrency: 3 }))
    const running = new Set<string>()
    let most = 0
    const order: string[] = []
    supervisor.subscribe((e) => {
      if (e.type !== 'state') return
      if (e.run.status === 'running') running.add(e.run.runId)
      else running.delete(e.run.runId)
      most = Math.max(most, running.size)
      order.push(`${e.run.name}:${e.run.status}`)
    })
    const experiment = (name: string) => blobClassifier(files, { epochs: 4 }, name)
    const runs = []
    for (const name of ['a', 'b', 'c', 'd']) runs.push(await supervisor.start(experiment(name)))
    const fourth = await supervisor.get(runs[3]!.runId)
    expect(fourth).toMatchObject({ status: 'queued', queuePosition: 1, active: false })
    expect((await supervisor.list()).filter((r) => r.status === 'running')).toHaveLength(3)

    for (const run of runs) expect(await supervisor.settled(run.runId)).toMatchObject({ status: 'finished' })
    expect(most).toBe(3)
    const firstFinish = order.findIndex((s) => s.endsWith(':finished'))
    expect(order.indexOf('d:running')).toBeGreaterThan(firstFinish)
  })
})
