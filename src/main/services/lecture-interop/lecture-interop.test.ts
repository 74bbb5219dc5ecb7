import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  buildModel,
  lectureLayerToNpz,
  npzToStateDict,
  parseModelSpec,
  readNpz,
  type StateDict,
  writeNpz,
} from '../../../engine'
import { loadPresets, presetsDir, RunStore } from '../runs'
import { LectureInteropError } from './errors'
import { lectureLayout } from './layout'
import { readLectureWeights, writeLectureWeights } from './lecture-files'
import { exportLectureRun, importLectureRun } from './lecture-runs'

const catalog = await loadPresets(presetsDir(fileURLToPath(new URL('../../../..', import.meta.url))))
const dl = catalog.presets.get('lecture-dl')!
const ae = catalog.presets.get('lecture-ae-32')!

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-lecture-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The weights of a freshly built model (uniform(−0.5, 0.5), seeded). */
function weightsOf(spec: unknown, seed: number): StateDict {
  const dict: StateDict = {}
  for (const [k, t] of Object.entries(buildModel(spec, { seed }).stateDict())) {
    dict[k] = { shape: [...t.shape], data: t.data }
  }
  return dict
}

describe('lectureLayout', () => {
  it("names DL.py's files: BP-hunit1.npz … BP-hunit6.npz and BP-out.npz, W (inputs, units)", () => {
    const layout = lectureLayout(dl.model)
    expect(layout.map((e) => [e.file, e.weightKey, e.wShape])).toEqual([
      ['BP-hunit1.npz', 'hunit1.W', [196, 256]],
      ['BP-hunit2.npz', 'hunit2.W', [256, 128]],
      ['BP-hunit3.npz', 'hunit3.W', [128, 64]],
      ['BP-hunit4.npz', 'hunit4.W', [64, 32]],
      ['BP-hunit5.npz', 'hunit5.W', [32, 32]],
      ['BP-hunit6.npz', 'hunit6.W', [32, 32]],
      ['BP-out.npz', 'outunit.W', [32, 10]],
    ])
  })

  it("names AE.py's files BP-hunit.npz and BP-out.npz (its unit-sum layer has no weights)", () => {
    expect(lectureLayout(ae.model).map((e) => [e.file, e.wShape, e.bShape])).toEqual([
      ['BP-hunit.npz', [196, 32], [32]],
      ['BP-out.npz', [32, 196], [196]],
    ])
  })

  it('refuses models the lecture cannot save: convolutions, no bias', () => {
    expect(() => lectureLayout(catalog.presets.get('lenet5')!.model)).toThrow(
      "cannot be written as the lecture's weight files: they hold dense layers only",
    )
    const noBias = parseModelSpec({
      format: 'dllab.model/1',
      input: { features: 4 },
      layers: [{ type: 'dense', name: 'h', units: 2, useBias: false }],
    })
    expect(() => lectureLayout(noBias)).toThrow(LectureInteropError)
  })
})

describe('BP-*.npz files', () => {
  it('write float64 w and b that read back to the same float32 weights', async () => {
    const layout = lectureLayout(dl.model)
    const weights = weightsOf(dl.model, 4)
    const paths = await writeLectureWeights(dir, layout, weights)
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(layout.map((e) => e.file))
    const out = readNpz(new Uint8Array(await readFile(join(dir, 'BP-out.npz'))))
    expect(Object.keys(out).sort()).toEqual(['b', 'w'])
    expect([out['w']!.dtype, out['w']!.shape, out['b']!.dtype, out['b']!.shape]).toEqual([
      'float64',
      [32, 10],
      'float64',
      [10],
    ])
    expect(Array.from(out['w']!.data as Float64Array)).toEqual(Array.from(weights['outunit.W']!.data))
    const back = await readLectureWeights(dir, layout)
    expect(Object.keys(back)).toEqual(Object.keys(weights))
    for (const key of Object.keys(weights)) {
      expect(Buffer.from(back[key]!.data.buffer).equals(Buffer.from(weights[key]!.data.buffer)), key).toBe(
        true,
      )
    }
  })

  it('never overwrites unless asked, and then touches only the BP files', async () => {
    const layout = lectureLayout(ae.model)
    await writeFile(join(dir, 'BP-out.npz'), 'old')
    await writeFile(join(dir, 'notes.txt'), 'mine')
    await expect(writeLectureWeights(dir, layout, weightsOf(ae.model, 1))).rejects.toThrow(
      `${join(dir, 'BP-out.npz')} exists; choose another folder or allow overwriting`,
    )
    await writeLectureWeights(dir, layout, weightsOf(ae.model, 1), { overwrite: true })
    expect((await readdir(dir)).sort()).toEqual(['BP-hunit.npz', 'BP-out.npz', 'notes.txt'])
  })

  it('names missing files, foreign shapes and broken files', async () => {
    const layout = lectureLayout(dl.model)
    await expect(readLectureWeights(dir, layout)).rejects.toThrow(
      `${dir} lacks BP-hunit1.npz, BP-hunit2.npz, BP-hunit3.npz, BP-hunit4.npz, BP-hunit5.npz, ` +
        'BP-hunit6.npz, BP-out.npz',
    )
    await writeLectureWeights(dir, layout, weightsOf(dl.model, 2))
    const w = { shape: [196, 100], data: new Float32Array(19600) }
    const b = { shape: [100], data: new Float32Array(100) }
    await writeFile(join(dir, 'BP-hunit1.npz'), lectureLayerToNpz({ w, b }))
    await expect(readLectureWeights(dir, layout)).rejects.toThrow(
      `${join(dir, 'BP-hunit1.npz')}: w has shape (196, 100), but layer 'hunit1' needs (196, 256)`,
    )
    await writeFile(join(dir, 'BP-hunit1.npz'), 'not a zip file')
    await expect(readLectureWeights(dir, layout)).rejects.toThrow(LectureInteropError)
    const onlyW = writeNpz({ w: { dtype: 'float64', shape: [1], data: new Float64Array(1) } })
    await writeFile(join(dir, 'BP-hunit1.npz'), onlyW)
    await expect(readLectureWeights(dir, layout)).rejects.toThrow("expected exactly the arrays 'w' and 'b'")
  })
})

describe('runs', () => {
  it('import makes a finished run with weights.npz; export writes the same files back', async () => {
    const dat = join(dir, 'dat')
    const weights = weightsOf(dl.model, 9)
    await writeLectureWeights(dat, lectureLayout(dl.model), weights)
    const store = new RunStore(join(dir, 'workspace'))
    const { run, files } = await importLectureRun({
      store,
      datDir: dat,
      experiment: dl.experiment,
      model: dl.model,
    })
    expect(files).toHaveLength(7)
    expect((await run.readState())?.status).toBe('finished')
    expect((await run.readInfo()).name).toBe(`${dl.experiment.name}, imported from ${dat}`)
    expect((await run.readExperiment()).model).toEqual(dl.model)
    const saved = npzToStateDict(await run.readWeights())
    expect(saved.meta).toBeUndefined()
    expect(Object.keys(saved.tensors)).toEqual(Object.keys(weights))
    // the weights load into the run's network as they are
    const model = buildModel(dl.model, { seed: 0 })
    model.loadStateDict(saved.tensors)
    expect(model.stateDict()['hunit6.b']!.data).toEqual(weights['hunit6.b']!.data)

    const back = join(dir, 'back')
    await exportLectureRun({ run, model: dl.model, datDir: back })
    for (const file of files) {
      const same = (await readFile(join(back, file))).equals(await readFile(join(dat, file)))
      expect(same, file).toBe(true)
    }
  })

  it('export of a run without weights says to finish it first', async () => {
    const store = new RunStore(join(dir, 'workspace'))
    const run = await store.create(ae.experiment, { model: ae.model })
    await expect(exportLectureRun({ run, model: ae.model, datDir: join(dir, 'out') })).rejects.toThrow(
      `run ${run.id} has no weights.npz to export (it has not finished training); resume it with ` +
        `\`dllab resume ${run.id}\` first`,
    )
  })
})
