import { describe, expect, it } from 'vitest'
import {
  EXPERIMENT_FORMAT,
  ExperimentSpecError,
  expectedDataShape,
  experimentJsonSchema,
  modelFitIssues,
  parseExperiment,
  safeParseExperiment,
} from './index'
import { parseModelSpec } from '../../engine'

const minimal = {
  format: EXPERIMENT_FORMAT,
  name: 'tiny',
  data: { source: { kind: 'mnist' } },
  model: 'lenet5',
}

function issuesOf(input: unknown): string[] {
  const result = safeParseExperiment(input)
  if (result.ok) throw new Error('expected the spec to be rejected')
  return result.issues.map((i) => i.message)
}

describe('experiment schema: defaults', () => {
  it('fills every default of a minimal classifier', () => {
    const e = parseExperiment(minimal)
    expect(e.task).toEqual({ kind: 'classify' })
    expect(e.data.preprocess).toEqual({ colour: 'grey', scale: 'unit', lectureExact: false })
    expect(e.training).toEqual({
      epochs: 10,
      batchSize: 32,
      sampling: { kind: 'shuffle' },
      loss: 'softmax-cross-entropy',
      optimizer: { name: 'adam', lr: 0.001, weightDecay: 0, betas: [0.9, 0.999], eps: 1e-8, amsgrad: false },
      seed: 0,
      checkpointEvery: 1,
      evalBatchSize: 256,
    })
    expect(e.model).toBe('lenet5')
  })

  it('defaults the loss to sse for autoencoders and fills SGD options', () => {
    const e = parseExperiment({
      ...minimal,
      task: { kind: 'autoencode' },
      training: { optimizer: { name: 'sgd', lr: 0.1 }, sampling: { kind: 'random-with-replacement' } },
    })
    expect(e.task).toEqual({ kind: 'autoencode', variant: 'plain', lectureNormalisedHidden: false })
    expect(e.training.loss).toBe('sse')
    expect(e.training.optimizer).toEqual({
      name: 'sgd',
      lr: 0.1,
      weightDecay: 0,
      momentum: 0,
      dampening: 0,
      nesterov: false,
    })
    expect(e.training.sampling).toEqual({ kind: 'random-with-replacement' })
  })

  it('parses an inline model spec with the engine: defaults filled, layers named', () => {
    const e = parseExperiment({
      ...minimal,
      model: { format: 'dllab.model/1', input: { features: 4 }, layers: [{ type: 'dense', units: 2 }] },
    })
    expect(e.model).toEqual({
      format: 'dllab.model/1',
      input: { features: 4 },
      init: { scheme: 'uniform' },
      layers: [{ type: 'dense', name: 'dense1', units: 2, useBias: true }],
    })
  })
})

describe('experiment schema: errors name the field and the value', () => {
  it('reports a bad number with its path', () => {
    expect(issuesOf({ ...minimal, training: { epochs: 0 } })).toEqual([
      'experiment training.epochs must be a positive integer, got 0',
    ])
    expect(issuesOf({ ...minimal, training: { optimizer: { name: 'sgd', lr: -1 } } })).toEqual([
      'experiment training.optimizer.lr must be a finite number > 0, got -1',
    ])
  })

  it('reports missing and unknown fields', () => {
    expect(issuesOf({ ...minimal, training: { optimizer: { name: 'sgd' } } })).toEqual([
      'experiment training.optimizer.lr is missing; it must be a finite number > 0',
    ])
    expect(issuesOf({ ...minimal, trainig: {} })).toEqual(['experiment: unknown field "trainig"'])
  })

  it('reports an unknown source kind and task kind', () => {
    expect(issuesOf({ ...minimal, data: { source: { kind: 'imagenet' } } })[0]).toBe(
      'experiment data.source.kind must be an object whose kind is one of folder, mnist, idx, cifar-binary, got "imagenet"',
    )
    expect(issuesOf({ ...minimal, task: { kind: 'segment' } })[0]).toMatch(
      /^experiment task.kind must be an object whose kind is one of classify, autoencode/,
    )
  })

  it('checks rules across fields', () => {
    expect(issuesOf({ ...minimal, task: { kind: 'autoencode', variant: 'denoising' } })).toEqual([
      'experiment task.noise is missing; a denoising autoencoder needs the corruption, e.g. {"kind": "masking", "level": 0.25}',
    ])
    expect(
      issuesOf({ ...minimal, task: { kind: 'autoencode', noise: { kind: 'gaussian', level: 0.1 } } }),
    ).toEqual(["experiment task.noise applies only to variant 'denoising', got variant 'plain'"])
    expect(
      issuesOf({
        ...minimal,
        task: { kind: 'autoencode', variant: 'denoising', noise: { kind: 'masking', level: 1.5 } },
      }),
    ).toEqual([
      'experiment task.noise.level is the fraction of values corrupted by masking noise and must be in [0, 1], got 1.5',
    ])
    expect(
      issuesOf({
        ...minimal,
        data: { source: { kind: 'folder', train: 'a', test: 'b' }, holdout: { fraction: 0.2 } },
      }),
    ).toHaveLength(1)
    expect(
      issuesOf({
        ...minimal,
        data: { source: { kind: 'idx', trainImages: 'a', trainLabels: 'b', testImages: 'c' } },
      }),
    ).toEqual(['experiment data.source: give testImages and testLabels together, or neither'])
    expect(
      issuesOf({ ...minimal, task: { kind: 'autoencode' }, training: { loss: 'softmax-cross-entropy' } })[0],
    ).toMatch(/^experiment training.loss 'softmax-cross-entropy' compares class scores/)
    expect(issuesOf({ ...minimal, task: { kind: 'per-channel-autoencode' } })).toEqual([
      "experiment data.preprocess.colour must be 'rgb' for per-channel-autoencode (one autoencoder per R, G, B channel), got 'grey'",
    ])
    expect(
      issuesOf({ ...minimal, training: { optimizer: { name: 'sgd', lr: 0.1, nesterov: true } } })[0],
    ).toMatch(/^experiment training.optimizer.nesterov needs momentum > 0/)
    expect(
      issuesOf({
        ...minimal,
        data: { source: { kind: 'mnist' }, preprocess: { colour: 'rgb' } },
        task: { kind: 'per-channel-autoencode', channels: ['R', 'R'] },
      }),
    ).toEqual(['experiment task.channels names a channel twice, got ["R","R"]'])
    expect(
      issuesOf({
        ...minimal,
        task: { kind: 'pretrain-stack', pretrain: { epochs: 1, loss: 'softmax-cross-entropy' } },
      })[0],
    ).toMatch(/^experiment task.pretrain.loss 'softmax-cross-entropy' cannot score a reconstruction/)
  })

  it('reports an inline model spec problem through the engine, with shape arithmetic', () => {
    const model = {
      format: 'dllab.model/1',
      input: { channels: 1, height: 14, width: 14 },
      layers: [{ type: 'conv2d', name: 'c2', filters: 4, kernel: 5, stride: 2 }],
    }
    expect(issuesOf({ ...minimal, model })).toEqual([
      "experiment model: conv2d 'c2': output height (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding",
    ])
  })

  it('throws ExperimentSpecError with every issue', () => {
    try {
      parseExperiment({ ...minimal, name: '', training: { epochs: -1, batchSize: 0 } })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExperimentSpecError)
      const e = error as ExperimentSpecError
      expect(e.issues.map((i) => i.path)).toEqual(['name', 'training.epochs', 'training.batchSize'])
      expect(e.message).toBe('experiment name must not be empty, got "" (and 2 more problems)')
    }
  })
})

describe('model and data fit', () => {
  const dl = parseModelSpec({
    format: 'dllab.model/1',
    input: { features: 196 },
    layers: [{ type: 'dense', units: 10 }],
  })

  it('knows the sample shape of built-in sources and resized folders', () => {
    const e = parseExperiment({ ...minimal, data: { source: { kind: 'mnist' }, preprocess: { size: 14 } } })
    expect(expectedDataShape(e.data)).toEqual({ sampleShape: [1, 14, 14], classes: 10 })
    const f = parseExperiment({ ...minimal, data: { source: { kind: 'folder', train: 'x' } } })
    expect(expectedDataShape(f.data)).toBeUndefined()
  })

  it('accepts a flat model of the same size and reports a size mismatch', () => {
    expect(modelFitIssues(dl, { kind: 'classify' }, { sampleShape: [1, 14, 14], classes: 10 })).toEqual([])
    expect(
      modelFitIssues(dl, { kind: 'classify' }, { sampleShape: [1, 28, 28], classes: 10 })[0]!.message,
    ).toBe(
      "experiment model: model 'model' takes (196) = 196 values per sample, but the data gives (1, 28, 28) = 784; change the model's input or data.preprocess (colour, size)",
    )
    expect(
      modelFitIssues(dl, { kind: 'classify' }, { sampleShape: [1, 14, 14], classes: 3 })[0]!.message,
    ).toBe(
      "experiment model: model 'model' ends in 10 outputs but the data has 3 classes; give the last layer 3 units",
    )
  })

  it('checks an autoencoder gives back its input size, per channel for the homework', () => {
    const ae = parseModelSpec({
      format: 'dllab.model/1',
      input: { features: 1024 },
      layers: [
        { type: 'dense', units: 100 },
        { type: 'dense', units: 1024 },
      ],
    })
    const task = { kind: 'per-channel-autoencode' as const, channels: ['R' as const] }
    expect(modelFitIssues(ae, task, { sampleShape: [3, 32, 32] })).toEqual([])
    expect(
      modelFitIssues(
        dl,
        { kind: 'autoencode', variant: 'plain', lectureNormalisedHidden: false },
        {
          sampleShape: [1, 14, 14],
        },
      )[0]!.message,
    ).toMatch(/an autoencoder must give back as many values as it takes, .* takes 196 and gives 10/)
  })
})

describe('JSON Schema export', () => {
  it('describes the experiment with defaults and embeds the model spec schema', () => {
    const schema = experimentJsonSchema()
    const properties = schema.properties as Record<string, Record<string, unknown>>
    expect(schema.title).toBe('DL Lab experiment (dllab.experiment/1)')
    expect(schema.required).toEqual(['format', 'name', 'data', 'model'])
    const model = properties.model!.anyOf as Record<string, unknown>[]
    expect(model[0]).toEqual({ type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })
    expect((model[1]!.properties as Record<string, unknown>).layers).toBeDefined()
    const training = properties.training!.properties as Record<string, Record<string, unknown>>
    expect(training.epochs!.default).toBe(10)
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })
})
