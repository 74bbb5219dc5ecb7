import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXPERIMENT_FORMAT, ExperimentSpecError, type MetricsLine } from '../../../shared/experiment'
import { RunNotFoundError, RunStoreError } from './errors'
import { newRunId } from './run-id'
import { RunStore } from './run-store'

const experiment = {
  format: EXPERIMENT_FORMAT,
  name: 'blobs',
  data: { source: { kind: 'mnist' } },
  model: 'lenet5',
}

function line(epoch: number, trainLoss: number): MetricsLine {
  return {
    kind: 'epoch',
    epoch,
    step: epoch * 10,
    trainLoss,
    trainAccuracy: 0.5,
    seconds: 1,
    samplesPerSecond: 10,
  }
}

/** Every file below `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()
}

let workspace: string
let clock: number
let store: RunStore
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'dllab-runs-'))
  clock = Date.UTC(2025, 10, 27, 20, 8, 50, 123)
  let counter = 0
  store = new RunStore(workspace, {
    now: () => new Date(clock),
    random: () => (counter++).toString(16).padStart(6, '0'),
  })
})
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

describe('run ids', () => {
  it('are UTC time to the millisecond plus six hex digits, sortable as strings', () => {
    expect(newRunId(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)), 'abcdef')).toBe('20250102-030405006-abcdef')
    expect(newRunId(new Date(Date.UTC(2025, 10, 27, 20, 8, 50, 123))).slice(0, 18)).toBe('20251127-200850123')
  })
})

describe('RunStore', () => {
  it('creates a run folder with run.json, experiment.json (defaults filled) and state.json', async () => {
    const run = await store.create(experiment, { name: '  first try ' })
    expect(run.id).toBe('20251127-200850123-000000')
    expect(await tree(run.dir)).toEqual(['experiment.json', 'run.json', 'state.json'])
    const written = JSON.parse(await readFile(join(run.dir, 'experiment.json'), 'utf8'))
    expect(written.training.epochs).toBe(10)
    expect(written.training.loss).toBe('softmax-cross-entropy')
    expect((await run.readExperiment()).name).toBe('blobs')
    expect(await run.readInfo()).toEqual({
      format: 'dllab.run/1',
      id: run.id,
      name: 'first try',
      created: '2025-11-27T20:08:50.123Z',
      task: 'classify',
      experimentName: 'blobs',
    })
    expect(await run.readState()).toEqual({
      format: 'dllab.run-state/1',
      status: 'queued',
      updated: '2025-11-27T20:08:50.123Z',
    })
  })

  it('embeds the resolved preset model in experiment.json when given', async () => {
    const model = {
      format: 'dllab.model/1',
      input: { features: 784 },
      layers: [{ type: 'dense', units: 10 }],
    }
    const run = await store.create(experiment, { model })
    const written = await run.readExperiment()
    expect(written.model).toEqual({
      format: 'dllab.model/1',
      input: { features: 784 },
      init: { scheme: 'uniform' },
      layers: [{ type: 'dense', name: 'dense1', units: 10, useBias: true }],
    })
  })

  it('refuses an invalid experiment before creating anything', async () => {
    await expect(store.create({ ...experiment, training: { epochs: 0 } })).rejects.toThrow(
      ExperimentSpecError,
    )
    expect(await store.list()).toEqual([])
  })

  it('lists newest first with status, task, created and the last metrics line', async () => {
    const a = await store.create(experiment)
    clock += 1000
    const b = await store.create({ ...experiment, name: 'ae', task: { kind: 'autoencode' } })
    await a.appendMetrics([line(1, 0.9), line(2, 0.5)])
    await a.writeState({ status: 'finished', epoch: 2, step: 20 })
    await b.writeState({ status: 'failed', reason: 'killed by SIGKILL' })
    await mkdir(join(store.runsDir, 'not-a-run'))
    await mkdir(join(store.runsDir, '20250101-000000000-ffffff')) // a run id without run.json
    const list = await store.list()
    expect(list.map((r) => [r.id, r.name, r.task, r.status, r.reason])).toEqual([
      [b.id, 'ae', 'autoencode', 'failed', 'killed by SIGKILL'],
      [a.id, 'blobs', 'classify', 'finished', undefined],
    ])
    expect(list[1]!.lastMetrics).toEqual(line(2, 0.5))
    expect(list[1]!.created).toBe('2025-11-27T20:08:50.123Z')
  })

  it('lists a run with a damaged state.json as failed, with the reason', async () => {
    const a = await store.create(experiment)
    await writeFile(join(a.dir, 'state.json'), '{"format": "dllab.run-st')
    const [summary] = await store.list()
    expect(summary!.status).toBe('failed')
    expect(summary!.reason).toMatch(/state\.json is not valid JSON/)
  })

  it('renames without touching the folder name or the experiment', async () => {
    const a = await store.create(experiment)
    const renamed = await store.rename(a.id, 'lecture, seed 3')
    expect(renamed.name).toBe('lecture, seed 3')
    expect(renamed.experimentName).toBe('blobs')
    expect((await store.get(a.id)).name).toBe('lecture, seed 3')
    await expect(store.rename(a.id, '  ')).rejects.toThrow(RunStoreError)
  })

  it('deletes a run, and only a run inside the workspace', async () => {
    const a = await store.create(experiment)
    await store.delete(a.id)
    expect(await readdir(store.runsDir)).toEqual([])
    await expect(store.delete('../../etc')).rejects.toThrow(RunNotFoundError)
    await expect(store.delete(a.id)).rejects.toThrow(RunNotFoundError)
    // A run id that is a symbolic link to a folder outside: refused, the outside folder kept.
    const outside = await mkdtemp(join(tmpdir(), 'dllab-outside-'))
    await writeFile(join(outside, 'keep.txt'), 'precious')
    const id = '20250101-000000000-abcdef'
    await symlink(outside, join(store.runsDir, id))
    await expect(store.delete(id)).rejects.toThrow(/not a folder inside/)
    expect(await readFile(join(outside, 'keep.txt'), 'utf8')).toBe('precious')
    await rm(outside, { recursive: true })
  })

  it('opens only existing runs', async () => {
    await expect(store.open('20250101-000000000-abcdef')).rejects.toThrow(RunNotFoundError)
    await expect(store.get('nope')).rejects.toThrow("'nope' is not a run id")
  })
})

describe('run folder files', () => {
  it('appends metrics atomically: concurrent appends all land, no temporary files remain', async () => {
    const run = await store.create(experiment)
    await Promise.all(Array.from({ length: 20 }, (_, i) => run.appendMetrics([line(i + 1, 1 / (i + 1))])))
    const lines = await run.readMetrics()
    expect(lines.map((l) => l.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(await tree(run.dir)).toEqual(['experiment.json', 'metrics.jsonl', 'run.json', 'state.json'])
  })

  it('tolerates a torn last metrics line and drops it on the next append', async () => {
    const run = await store.create(experiment)
    await run.appendMetrics([line(1, 0.9)])
    const file = join(run.dir, 'metrics.jsonl')
    await writeFile(file, (await readFile(file, 'utf8')) + '{"kind":"epoch","epo')
    expect((await run.readMetrics()).map((l) => l.epoch)).toEqual([1])
    await run.appendMetrics([line(2, 0.4)])
    expect(await readFile(file, 'utf8')).toBe(
      `${JSON.stringify(line(1, 0.9))}\n${JSON.stringify(line(2, 0.4))}\n`,
    )
  })

  it('reports a damaged line in the middle of metrics.jsonl with its number', async () => {
    const run = await store.create(experiment)
    await writeFile(join(run.dir, 'metrics.jsonl'), `${JSON.stringify(line(1, 1))}\nnot json\n`)
    await expect(run.readMetrics()).rejects.toThrow(/metrics\.jsonl line 2 is not valid JSON/)
  })

  it('writes checkpoints, weights and evaluation; lists checkpoints in training order', async () => {
    const run = await store.create(experiment)
    const bytes = new Uint8Array([1, 2, 3])
    for (const position of [
      { epoch: 10, batch: 0 },
      { epoch: 2, batch: 0 },
      { epoch: 2, batch: 7 },
      { epoch: 9, batch: 0 },
    ]) {
      await run.writeCheckpoint(position, bytes)
    }
    await writeFile(join(run.checkpointsDir, 'notes.txt'), 'not a checkpoint')
    expect(await run.listCheckpoints()).toEqual([
      'epoch-2.npz',
      'epoch-2-batch-7.npz',
      'epoch-9.npz',
      'epoch-10.npz',
    ])
    expect(await run.latestCheckpoint()).toBe('epoch-10.npz')
    expect(await run.readCheckpoint('epoch-2-batch-7.npz')).toEqual(bytes)
    await expect(run.readCheckpoint('../run.json')).rejects.toThrow(/not a checkpoint name/)
    await run.writeWeights(new Uint8Array([9]))
    expect(await run.readWeights()).toEqual(new Uint8Array([9]))
    await run.writeEvaluation({ format: 'dllab.evaluation/1', task: 'classify', split: 'test' })
    expect((await run.readEvaluation())?.split).toBe('test')
    const files = await tree(run.dir)
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect((await store.get(run.id)).latestCheckpoint).toBe('epoch-10.npz')
  })

  it('gives sub-run folders for the channels of the homework', async () => {
    const run = await store.create(experiment)
    const red = run.child('R')
    await red.appendMetrics([line(1, 0.1)])
    await red.writeWeights(new Uint8Array([1]))
    expect(await tree(run.dir)).toContain(join('stages', 'R', 'metrics.jsonl'))
    expect(() => run.child('../x')).toThrow(RunStoreError)
  })
})
