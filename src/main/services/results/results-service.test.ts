import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Conv2dLayer, Tensor } from '../../../engine'
import type { EvaluationFile } from '../../../shared/experiment'
import { type BlobFiles, writeBlobIdx } from '../../supervisor/test-support/blob-data'
import type { RunFolder } from '../runs'
import { buildRunFigures } from './figures/run-figures'
import { loadRunData } from './run-data'
import { loadRunNetwork } from './run-network'
import { ResultsService } from './results-service'
import type { ResultsContext } from './run-context'
import {
  convClassifierModel,
  denseAutoencoderModel,
  denseClassifierModel,
  tinyExperiment,
  tinyRun,
} from './test-support/tiny-runs'

/**
 * The results service on real tiny runs trained in this process (test-support/tiny-runs.ts): a small
 * convolutional classifier and a dense autoencoder on the 8×8 blob images, 16 test images each.
 */
let dir: string
let files: BlobFiles
let conv: RunFolder
let ae: RunFolder
let service: ResultsService
const ws = () => join(dir, 'ws')
const ctx = (): ResultsContext => ({ workspace: ws(), modelOf: async (e) => e.model as never })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-results-'))
  files = await writeBlobIdx(join(dir, 'data'))
  // Two epochs at a small learning rate: a classifier that still confuses 6 of the 16 test images.
  conv = await tinyRun(
    ws(),
    tinyExperiment(files, convClassifierModel, { kind: 'classify' }, 2, {
      optimizer: { name: 'adam', lr: 0.002 },
    }),
  )
  ae = await tinyRun(ws(), tinyExperiment(files, denseAutoencoderModel, { kind: 'autoencode' }, 2))
  service = new ResultsService({ workspace: ws })
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const evaluationOf = async (run: RunFolder) =>
  JSON.parse(await readFile(join(run.dir, 'evaluation.json'), 'utf8')) as EvaluationFile

describe('confusion-matrix cells', () => {
  it('add up, cell by cell, to the matrix of evaluation.json', async () => {
    const stored = (await evaluationOf(conv)).classification!
    // Not a trivial matrix: right and wrong answers both (the loop below checks every cell).
    expect([stored.correct > 0, stored.misclassifiedCount > 0, stored.total]).toEqual([true, true, 16])
    for (let label = 0; label < 2; label++) {
      for (let predicted = 0; predicted < 2; predicted++) {
        const cell = await service.confusionCell({ runId: conv.id, label, predicted, limit: 200 })
        expect([cell.split, cell.total, cell.samples.length]).toEqual([
          'test',
          stored.confusion[label]![predicted],
          stored.confusion[label]![predicted],
        ])
        for (const s of cell.samples) {
          expect([s.label, s.predicted]).toEqual([label, predicted])
          expect(s.confidence).toBe(Math.max(...s.scores))
          expect(s.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
          expect(s.image).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
        }
        const confidences = cell.samples.map((s) => s.confidence)
        expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
      }
    }
  })

  it('gives the scores evaluation.json lists for its most confident mistakes, and honours the limit', async () => {
    const stored = (await evaluationOf(conv)).classification!
    const diagonal = await service.confusionCell({ runId: conv.id, label: 0, predicted: 0, limit: 3 })
    expect(diagonal.samples).toHaveLength(Math.min(3, stored.confusion[0]![0]!))
    expect(stored.misclassified).toHaveLength(stored.misclassifiedCount)
    for (const m of stored.misclassified) {
      const cell = await service.confusionCell({ runId: conv.id, label: m.label, predicted: m.predicted })
      const sample = cell.samples.find((s) => s.index === m.index)!
      expect(sample.confidence).toBe(m.confidence)
    }
  })

  it("gives pretrain-stack's fine-tuned and from-scratch networks' cells, each adding up to its matrix", async () => {
    const stack = await tinyRun(
      ws(),
      tinyExperiment(
        files,
        denseClassifierModel,
        {
          kind: 'pretrain-stack',
          pretrain: { epochs: 1, batchSize: 4 },
          compareFromScratch: true,
        },
        1,
      ),
    )
    const stages = (await evaluationOf(stack)).stages!
    for (const stage of ['finetune', 'scratch'] as const) {
      const matrix = stages[stage]!.classification!.confusion
      const totals = await Promise.all(
        [0, 1].map((label) =>
          Promise.all(
            [0, 1].map(async (predicted) => {
              const cell = await service.confusionCell({ runId: stack.id, label, predicted, stage })
              return cell.total
            }),
          ),
        ),
      )
      expect(totals, stage).toEqual(matrix)
    }
    await expect(
      service.confusionCell({ runId: stack.id, label: 0, predicted: 0, stage: 'R' }),
    ).rejects.toThrow(`run ${stack.id} has the networks 'finetune' and 'scratch', not 'R'`)
  })

  it('refuses classes the run does not have and runs that are not classifiers', async () => {
    await expect(service.confusionCell({ runId: conv.id, label: 2, predicted: 0 })).rejects.toThrow(
      `label 2 is not a class of run ${conv.id}: its classes are 0 … 1 (0, 1)`,
    )
    await expect(service.confusionCell({ runId: ae.id, label: 0, predicted: 0 })).rejects.toThrow(
      `run ${ae.id} (autoencode) is not a classifier; it has no confusion matrix`,
    )
  })
})

describe('figures', () => {
  it('are the SVGs of buildRunFigures (what `dllab figures` writes), with their numbers', async () => {
    const viaService = await service.figures(conv.id)
    const direct = await buildRunFigures(ctx(), conv)
    expect(viaService.figures.map((f) => f.name)).toEqual([
      'loss',
      'accuracy',
      'confusion-matrix',
      'weights-conv1',
      'feature-maps-conv1',
    ])
    expect(viaService.figures.map((f) => f.svg)).toEqual(direct.figures.map((f) => f.svg))
    const byName = Object.fromEntries(viaService.figures.map((f) => [f.name, f]))

    const metrics = await conv.readMetrics()
    const lossRows = byName['loss']!.csv.trim().split('\n')
    expect(lossRows[0]).toBe('job,stage,epoch,step,trainLoss,testLoss')
    expect(lossRows.slice(1)).toEqual(
      metrics.map((m) => `,train,${m.epoch},${m.step},${m.trainLoss},${m.testLoss}`),
    )
    expect(byName['accuracy']!.json).toEqual(
      metrics.map((m) => ({
        job: '',
        stage: 'train',
        epoch: m.epoch,
        step: m.step,
        trainAccuracy: m.trainAccuracy,
        testAccuracy: m.testAccuracy,
      })),
    )

    const stored = (await evaluationOf(conv)).classification!
    expect(byName['confusion-matrix']!.json).toMatchObject({
      classes: stored.classes,
      confusion: stored.confusion,
    })
    expect(byName['confusion-matrix']!.csv).toBe(
      `true \\ predicted,0,1\n0,${stored.confusion[0]!.join(',')}\n1,${stored.confusion[1]!.join(',')}\n`,
    )

    // conv1's F is (3 filters × 1·3·3), as the network holds it.
    const { network } = await loadRunNetwork(ctx(), conv)
    const conv1 = network.layers.find((l) => l.name === 'conv1') as Conv2dLayer
    const weights = byName['weights-conv1']!.json as { shape: number[]; values: number[][] }
    expect(weights.shape).toEqual([3, 9])
    expect(weights.values.flat().map(Math.fround)).toEqual(Array.from(conv1.weight.value.data))
  })

  it('normalises the weight tiles globally when asked, and nothing else changes', async () => {
    const tile = await service.figures(conv.id)
    const global = await service.figures(conv.id, { normalise: 'global' })
    const changed = tile.figures.filter((f, i) => f.svg !== global.figures[i]!.svg).map((f) => f.name)
    expect(changed).toEqual(['weights-conv1'])
  })

  it("draw an autoencoder's reconstructions with the values drawn", async () => {
    const { figures } = await service.figures(ae.id)
    expect(figures.map((f) => f.name)).toEqual(['loss', 'weights-code', 'reconstructions'])
    const json = figures[2]!.json as {
      samples: { index: number; original: number[]; reconstruction: number[] }[]
    }
    const { set } = await loadRunData(ctx(), await ae.readExperiment())
    expect(json.samples.map((s) => s.index)).toEqual([0, 2, 4, 6, 8, 10, 12, 14])
    expect(json.samples[1]!.original.map(Math.fround)).toEqual(Array.from(set.x.subarray(2 * 64, 3 * 64)))
    expect(json.samples[1]!.reconstruction.every((v) => v > 0 && v < 1)).toBe(true)
  })
})

describe('feature maps and im2col', () => {
  it('give every spatial layer of one sample, in order, with its shape', async () => {
    const view = await service.featureMaps({ runId: conv.id, sample: 5 })
    expect(view.layers.map((l) => [l.name, l.type, l.shape])).toEqual([
      ['conv1', 'conv2d', [3, 8, 8]],
      ['conv1.act', 'activation', [3, 8, 8]],
      ['pool1', 'pool2d', [3, 4, 4]],
      ['conv2', 'conv2d', [2, 2, 2]],
      ['conv2.act', 'activation', [2, 2, 2]],
    ])
    expect(view.layers.every((l) => l.svg.startsWith('<svg') && l.svg.includes(conv.id))).toBe(true)
    const { set } = await loadRunData(ctx(), await conv.readExperiment())
    expect(view.sample).toMatchObject({ index: 5, label: set.labels[5] })
  })

  it('multiplies F X′ + b to the layer’s own output, for a padded and for a strided convolution', async () => {
    const first = await service.im2col({ runId: conv.id, layer: 'conv1', sample: 3, y: 0, x: 6, size: 4 })
    expect(first.patch).toEqual({ y: 0, x: 6, rows: 4, cols: 2 })
    expect([first.columns.rows, first.columns.cols, first.filters.rows, first.filters.cols]).toEqual([
      9, 8, 3, 9,
    ])
    // The top-left position reads the zero padding above the image: its first three rows are 0.
    expect([0, 1, 2].map((r) => first.columns.values[r * 8])).toEqual([0, 0, 0])
    expect(first.maxDifference).toBeLessThan(1e-5)
    const second = await service.im2col({ runId: conv.id, layer: 'conv2', sample: 3, y: 1, x: 0 })
    expect(second.patch).toEqual({ y: 1, x: 0, rows: 1, cols: 2 })
    expect([second.inputShape, second.stride, second.padding]).toEqual([
      [3, 4, 4],
      [2, 2],
      [0, 0],
    ])
    expect(second.maxDifference).toBeLessThan(1e-5)
    // U' reshaped is conv2's own output (before its activation) at rows 1, columns 0 … 1.
    const { network } = await loadRunNetwork(ctx(), conv)
    const { set } = await loadRunData(ctx(), await conv.readExperiment())
    const trace = network.model.trace(new Tensor(set.x.slice(3 * 64, 4 * 64), [1, 1, 8, 8]), {
      training: false,
    })
    const conv2 = trace.find((t) => t.layer.name === 'conv2')!.output.data
    second.featureMaps.forEach((map, k) => {
      expect(map.values.map((v) => Math.fround(v))).toEqual([
        expect.closeTo(conv2[k * 4 + 2]!, 5),
        expect.closeTo(conv2[k * 4 + 3]!, 5),
      ])
    })
  })

  it('say what is wrong: a layer that is not a convolution, a patch outside the map, a sample too far', async () => {
    await expect(service.im2col({ runId: conv.id, layer: 'pool1', sample: 0, y: 0, x: 0 })).rejects.toThrow(
      "layer 'pool1' is not a convolution (it is pool2d); its convolutions are conv1, conv2",
    )
    await expect(service.im2col({ runId: conv.id, layer: 'conv2', sample: 0, y: 2, x: 0 })).rejects.toThrow(
      "the patch at (y 2, x 0) is outside the feature map of 'conv2', which is 2 × 2 (y 0 … 1, x 0 … 1)",
    )
    await expect(service.featureMaps({ runId: conv.id, sample: 16 })).rejects.toThrow(
      `sample 16 is outside the test set of run ${conv.id} (16 samples, 0 … 15)`,
    )
  })
})

describe('run detail and unknown runs', () => {
  it('gives the folder’s info, experiment, model, metrics and evaluation.json', async () => {
    const detail = await service.detail(conv.id)
    expect(detail.run).toMatchObject({ runId: conv.id, status: 'finished', task: 'classify', active: false })
    expect(detail.metrics).toEqual([{ label: '', lines: await conv.readMetrics() }])
    expect(detail.metrics[0]!.lines).toHaveLength(2)
    expect(detail.evaluation).toEqual(await evaluationOf(conv))
    expect((detail.model as { name: string }).name).toBe('tiny conv')
  })

  it('names an unknown run and a run without weights', async () => {
    const unknown = '20250101-000000000-abcdef'
    await expect(service.detail(unknown)).rejects.toThrow(`unknown run ${unknown}`)
    const fresh = await tinyRun(ws(), tinyExperiment(files, convClassifierModel, { kind: 'classify' }), false)
    await expect(service.featureMaps({ runId: fresh.id, sample: 0 })).rejects.toThrow(
      `run ${fresh.id} has no weights.npz yet (it is queued)`,
    )
    expect((await service.detail(fresh.id)).evaluation).toBeNull()
    await writeFile(join(fresh.dir, 'evaluation.json'), '{')
    await expect(service.detail(fresh.id)).rejects.toThrow(/is not valid JSON/)
  })
})
