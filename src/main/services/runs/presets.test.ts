import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildModel, inferShapes, Rng, tensor } from '../../../engine'
import { PresetError } from '../../../shared/experiment'
import { loadPresets, presetsDir } from './presets'

const dir = presetsDir(fileURLToPath(new URL('../../../..', import.meta.url)))

const NAMES = [
  'ae-denoising',
  'ae-tied',
  'cifar-per-channel',
  'lecture-ae-100',
  'lecture-ae-32',
  'lecture-dl',
  'lenet-1989',
  'lenet5',
  'stacked-ae',
  'vgg-mini',
  'vgg16',
]

describe('the shipped presets', async () => {
  const catalog = await loadPresets(dir)

  it('all validate, each with a description, and each names a model that fits its data', () => {
    expect([...catalog.presets.keys()].sort()).toEqual(NAMES)
    for (const preset of catalog.presets.values()) expect(preset.description.length).toBeGreaterThan(40)
  })

  it('lecture-dl is DL.py: 14×14 lecture-exact unit-sum grey, 196-256-128-64-32-32-32-10, α = 0.1, 1000 draws', () => {
    const { experiment, model } = catalog.presets.get('lecture-dl')!
    expect(experiment.data).toMatchObject({
      source: { kind: 'mnist' },
      preprocess: { colour: 'grey', size: 14, scale: 'unit-sum', lectureExact: true },
      perClassLimit: 100,
      testPerClassLimit: 100,
    })
    expect(experiment.training).toMatchObject({
      epochs: 200,
      batchSize: 1,
      sampling: { kind: 'random-with-replacement', drawsPerEpoch: 1000 },
      loss: 'sse',
      optimizer: { name: 'sgd', lr: 0.1, momentum: 0 },
    })
    const shapes = inferShapes(model)
    expect(shapes.layers.map((l) => l.outputShape[0])).toEqual([256, 128, 64, 32, 32, 32, 10])
    expect(shapes.layers.map((l) => l.activation)).toEqual([...Array(6).fill('relu'), 'sigmoid'])
    expect(model.init).toEqual({ scheme: 'uniform', range: 0.5 })
    expect(shapes.totalParameters).toBe(
      196 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 * 32 + 32 + 2 * (32 * 32 + 32) + 32 * 10 + 10,
    )
  })

  it('lecture-ae-32 and -100 are AE.py: 196-h-196, normalised hidden with identity backward, 1000 epochs', () => {
    for (const h of [32, 100]) {
      const { experiment, model } = catalog.presets.get(`lecture-ae-${h}`)!
      expect(experiment.task).toEqual({
        kind: 'autoencode',
        variant: 'plain',
        lectureNormalisedHidden: true,
        codeLayer: 'hunit',
      })
      expect(experiment.training).toMatchObject({ epochs: 1000, batchSize: 1, loss: 'sse' })
      expect(experiment.training.optimizer).toMatchObject({ name: 'sgd', lr: 0.1 })
      expect(inferShapes(model).layers.map((l) => [l.name, l.outputShape[0], l.activation])).toEqual([
        ['hunit', h, undefined],
        ['hunit-sum', h, undefined],
        ['outunit', 196, undefined],
      ])
    }
  })

  it('every model but VGG-16 builds and runs a forward pass on one sample', () => {
    for (const [name, preset] of catalog.presets) {
      if (name === 'vgg16') continue
      const network = buildModel(preset.model, { seed: 1 })
      const size = network.inputShape.reduce((a, b) => a * b, 1)
      const rng = new Rng(1)
      const x = tensor(
        Array.from({ length: size }, () => rng.uniform()),
        [1, ...network.inputShape],
      )
      const y = network.forward(x, { training: false })
      expect(y.shape.slice(1), name).toEqual([...network.outputShape])
      expect(y.data.every(Number.isFinite), name).toBe(true)
    }
  })

  it("VGG-16: the lecture's shape table and 138,357,544 parameters (shapes only: built, it needs ~1.1 GB)", () => {
    const shapes = inferShapes(catalog.presets.get('vgg16')!.model)
    const pooled = shapes.layers.filter((l) => l.type === 'pool2d').map((l) => l.outputShape)
    expect(pooled).toEqual([
      [64, 112, 112],
      [128, 56, 56],
      [256, 28, 28],
      [512, 14, 14],
      [512, 7, 7],
    ])
    expect(shapes.layers[0]!.outputShape).toEqual([64, 224, 224])
    expect(shapes.totalParameters).toBe(138_357_544)
  })

  it("lenet-1989 has the lecture's 768, 192 and 30 hidden units; lenet5 61,706 parameters", () => {
    const lenet = inferShapes(catalog.presets.get('lenet-1989')!.model)
    expect(
      lenet.layers.filter((l) => l.params.length > 0).map((l) => l.outputShape.reduce((a, b) => a * b, 1)),
    ).toEqual([768, 192, 30, 10])
    expect(inferShapes(catalog.presets.get('lenet5')!.model).totalParameters).toBe(61_706)
  })

  it('cifar-per-channel is the homework: 1000 RGB images, 1024-100-1024 sigmoid per channel, pixel / 255', () => {
    const { experiment, model } = catalog.presets.get('cifar-per-channel')!
    expect(experiment.task).toEqual({ kind: 'per-channel-autoencode', channels: ['R', 'G', 'B'] })
    expect(experiment.data).toMatchObject({
      preprocess: { colour: 'rgb', size: 32, scale: 'unit' },
      perClassLimit: 100,
    })
    const shapes = inferShapes(model)
    expect(shapes.inputShape).toEqual([1024])
    expect(shapes.layers.map((l) => [l.outputShape[0], l.activation])).toEqual([
      [100, 'sigmoid'],
      [1024, 'sigmoid'],
    ])
  })
})

describe('loading presets', () => {
  it('reports every broken preset in one error', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dllab-presets-'))
    await mkdir(join(root, 'models'))
    await writeFile(
      join(root, 'models', 'tiny.json'),
      JSON.stringify({
        format: 'dllab.model/1',
        input: { features: 4 },
        layers: [{ type: 'dense', units: 2 }],
      }),
    )
    const base = { format: 'dllab.experiment/1', data: { source: { kind: 'mnist' } } }
    await writeFile(
      join(root, 'good.json'),
      JSON.stringify({ ...base, name: 'g', description: 'x'.repeat(50), model: 'tiny' }),
    )
    await writeFile(join(root, 'nodesc.json'), JSON.stringify({ ...base, name: 'n', model: 'tiny' }))
    await writeFile(
      join(root, 'missing.json'),
      JSON.stringify({ ...base, name: 'm', description: 'd', model: 'lenet6' }),
    )
    const error = await loadPresets(root).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PresetError)
    const message = (error as PresetError).message
    expect(message).toMatch(/^3 preset problems: /)
    expect(message).toContain("preset 'nodesc': needs a description saying where it comes from")
    expect(message).toContain(
      "preset 'missing': experiment 'm': no preset model named 'lenet6'; known models: tiny",
    )
    expect(message).toContain(
      "preset 'good': experiment model: model 'model' takes (4) = 4 values per sample, but the data gives (1, 28, 28) = 784",
    )
    await writeFile(join(root, 'bad.json'), '{ not json')
    await expect(loadPresets(root)).rejects.toThrow(/bad\.json is not valid JSON/)
    await rm(root, { recursive: true })
  })
})
