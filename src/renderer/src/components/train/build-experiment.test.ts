import { describe, expect, it } from 'vitest'
import type { ModelSpec } from '../../../../engine/models/spec-schema'
import { modelFitIssues, parseExperiment, expectedDataShape } from '../../../../shared/experiment'
import { checkModelSpec } from '../../../../engine'
import cifarPerChannel from '../../../../../resources/presets/cifar-per-channel.json'
import lectureDl from '../../../../../resources/presets/lecture-dl.json'
import lenet5 from '../../../../../resources/presets/lenet5.json'
import stackedAe from '../../../../../resources/presets/stacked-ae.json'
import cifarModel from '../../../../../resources/presets/models/cifar-per-channel.json'
import lectureDlModel from '../../../../../resources/presets/models/lecture-dl.json'
import lenet5Model from '../../../../../resources/presets/models/lenet5.json'
import { buildExperiment, inputPreprocess } from './build-experiment'
import { defaultDraft, draftFromExperiment, invalidFields } from './experiment-draft'

const lenet = lenet5Model as ModelSpec

/** The real schema and model-fit check the service runs on training.start. */
function accepted(experiment: unknown) {
  const parsed = parseExperiment(experiment)
  const model = checkModelSpec(parsed.model)
  if (!model.ok) throw model.error
  const shape = expectedDataShape(parsed.data)
  expect(shape ? modelFitIssues(model.spec, parsed.task, shape) : []).toEqual([])
  return parsed
}

describe('draftFromExperiment', () => {
  it("reads a preset's settings into the form", () => {
    const draft = draftFromExperiment(lenet5)
    expect(draft).toMatchObject({
      name: 'LeNet-5 on MNIST',
      task: 'classify',
      loss: 'softmax-cross-entropy',
      optimizer: 'adam',
      lr: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epochs: 3,
      batchSize: 64,
      sampling: 'shuffle',
      seed: 1,
      source: 'mnist',
      perClassLimit: undefined,
    })
    expect(draftFromExperiment(lectureDl)).toMatchObject({
      optimizer: 'sgd',
      lr: 0.1,
      momentum: 0,
      batchSize: 1,
      sampling: 'random-with-replacement',
      drawsPerEpoch: 1000,
      perClassLimit: 100,
      testPerClassLimit: 100,
      loss: 'sse',
    })
    expect(draftFromExperiment(cifarPerChannel)).toMatchObject({
      task: 'per-channel-autoencode',
      source: 'preset',
    })
    expect(draftFromExperiment(stackedAe)).toMatchObject({ task: 'pretrain-stack', pretrainEpochs: 30 })
    expect(draftFromExperiment('not an experiment')).toEqual(defaultDraft())
  })
})

describe('buildExperiment', () => {
  it('makes an experiment the service accepts: LeNet-5, 1 epoch, 20 images per class', () => {
    const draft = { ...draftFromExperiment(lenet5), epochs: 1, perClassLimit: 20, testPerClassLimit: 10 }
    const experiment = buildExperiment(draft, lenet, null, lenet5)
    const parsed = accepted(experiment)
    expect(parsed.data).toMatchObject({ source: { kind: 'mnist' }, perClassLimit: 20, testPerClassLimit: 10 })
    // 28×28 MNIST needs no resize: size stays out.
    expect(parsed.data.preprocess).toEqual({ colour: 'grey', scale: 'unit', lectureExact: false })
    expect(parsed.training).toMatchObject({
      epochs: 1,
      batchSize: 64,
      loss: 'softmax-cross-entropy',
      optimizer: { name: 'adam', lr: 0.001, betas: [0.9, 0.999] },
      seed: 1,
    })
    expect(experiment.description).toBe(lenet5.description)
  })

  it("keeps DL.py's lecture-exact 14×14 unit-sum data and switches to SGD with momentum", () => {
    const draft = { ...draftFromExperiment(lectureDl), momentum: 0.9, nesterov: true, epochs: 2 }
    const parsed = accepted(buildExperiment(draft, lectureDlModel as ModelSpec, null, lectureDl))
    expect(parsed.data.preprocess).toEqual({
      colour: 'grey',
      size: 14,
      scale: 'unit-sum',
      lectureExact: true,
    })
    expect(parsed.training.optimizer).toMatchObject({ name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true })
    expect(parsed.training.sampling).toEqual({ kind: 'random-with-replacement', drawsPerEpoch: 1000 })
    expect(parsed.training.checkpointEvery).toBe(10)
  })

  it('uses the Datasets view source and preprocessing as they are when chosen', () => {
    const draft = { ...draftFromExperiment(lenet5), source: 'datasets' as const }
    const chosen = {
      source: { kind: 'folder' as const, train: '/data/digits/train', test: '/data/digits/test' },
      preprocess: { colour: 'grey' as const, size: 28, scale: 'unit' as const, lectureExact: true },
    }
    const parsed = parseExperiment(buildExperiment(draft, lenet, chosen, lenet5))
    expect(parsed.data.source).toEqual(chosen.source)
    expect(parsed.data.preprocess).toEqual(chosen.preprocess)
  })

  it("keeps the homework's folders and RGB channels for a per-channel autoencoder", () => {
    const draft = draftFromExperiment(cifarPerChannel)
    const experiment = buildExperiment(draft, cifarModel as ModelSpec, null, cifarPerChannel)
    expect(experiment.data.source).toEqual({ kind: 'folder', train: 'cifar-10/train', test: 'cifar-10/test' })
    expect(experiment.data.preprocess).toEqual({ colour: 'rgb', size: 32, scale: 'unit', lectureExact: true })
    expect(experiment.task).toEqual({ kind: 'per-channel-autoencode', channels: ['R', 'G', 'B'] })
  })

  it('writes the task settings the form shows and leaves the loss to the task when not chosen', () => {
    const autoencoder: ModelSpec = {
      format: 'dllab.model/1',
      input: { features: 784 },
      layers: [
        { type: 'dense', name: 'enc', units: 100, activation: 'sigmoid' },
        { type: 'dense', units: 784, activation: 'sigmoid' },
      ],
    }
    const draft = {
      ...defaultDraft(),
      task: 'autoencode' as const,
      variant: 'denoising' as const,
      noiseLevel: 0.3,
    }
    const parsed = accepted(buildExperiment(draft, autoencoder, null))
    expect(parsed.task).toMatchObject({
      kind: 'autoencode',
      variant: 'denoising',
      noise: { kind: 'masking', level: 0.3 },
    })
    expect(parsed.training.loss).toBe('sse') // the task's default, filled in by the service's parser
    expect(parsed.data.preprocess).toMatchObject({ colour: 'grey' })
    expect(parsed.data.preprocess.size).toBeUndefined()

    const stacked = buildExperiment(
      { ...draftFromExperiment(stackedAe), pretrainEpochs: 2 },
      autoencoder,
      null,
      stackedAe,
    )
    expect(stacked.task).toMatchObject({
      kind: 'pretrain-stack',
      pretrain: { epochs: 2, batchSize: 10 },
      compareFromScratch: true,
    })
  })
})

describe('inputPreprocess', () => {
  it("derives colour and size from the model's input", () => {
    expect(inputPreprocess(lenet, 'classify')).toEqual({ colour: 'grey', size: 28 })
    expect(inputPreprocess({ ...lenet, input: { features: 196 } }, 'classify')).toEqual({
      colour: 'grey',
      size: 14,
    })
    expect(inputPreprocess({ ...lenet, input: { features: 3072 } }, 'classify')).toEqual({
      colour: 'rgb',
      size: 32,
    })
    expect(inputPreprocess({ ...lenet, input: { features: 1024 } }, 'per-channel-autoencode')).toEqual({
      colour: 'rgb',
      size: 32,
    })
    expect(inputPreprocess({ ...lenet, input: { channels: 3, height: 32, width: 16 } }, 'classify')).toEqual(
      {},
    )
    expect(inputPreprocess({ ...lenet, input: { features: 10 } }, 'classify')).toEqual({})
  })
})

describe('invalidFields', () => {
  it('names the fields the schema would refuse', () => {
    expect(invalidFields(defaultDraft())).toEqual([])
    const bad = {
      ...defaultDraft(),
      name: ' ',
      lr: 0,
      epochs: 1.5,
      batchSize: Number.NaN,
      seed: -1,
      beta2: 1,
      perClassLimit: 0,
      testPerClassLimit: 3,
    }
    expect(invalidFields(bad)).toEqual([
      'name',
      'lr',
      'epochs',
      'batchSize',
      'seed',
      'beta2',
      'perClassLimit',
    ])
    expect(invalidFields({ ...defaultDraft(), optimizer: 'sgd', momentum: -0.1, beta2: 7 })).toEqual([
      'momentum',
    ])
  })
})
