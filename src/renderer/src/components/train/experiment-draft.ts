import type { LossName } from '../../../../engine/losses/loss'
import type { DataSource, Preprocess, TaskKind } from '../../../../shared/experiment'
import { isObject, numberAt, objectAt, oneOf, stringAt } from './json-read'

/**
 * The Train view's experiment form as plain values: filled from an experiment spec (a preset's),
 * checked field by field. build-experiment.ts turns it into the spec to start.
 */
export const lossOptions = [
  'sse',
  'mse',
  'softmax-cross-entropy',
  'binary-cross-entropy',
] as const satisfies readonly LossName[]
export const taskOptions = [
  'classify',
  'autoencode',
  'pretrain-stack',
  'per-channel-autoencode',
] as const satisfies readonly TaskKind[]
export const variantOptions = ['plain', 'tied', 'denoising'] as const
export const noiseOptions = ['masking', 'gaussian', 'salt-and-pepper'] as const
/** Built-in MNIST; the source chosen in the Datasets view (with its preprocessing); the preset's own. */
export type SourceChoice = 'mnist' | 'datasets' | 'preset'

/** A source and its preprocessing as the Datasets view holds them (experiment.data.source, .preprocess). */
export interface ChosenData {
  source: DataSource
  preprocess: Preprocess
}

export interface ExperimentDraft {
  /** The experiment's name; also the run's name unless runName is set. */
  name: string
  runName: string
  task: TaskKind
  variant: (typeof variantOptions)[number]
  noiseKind: (typeof noiseOptions)[number]
  noiseLevel: number
  /** Epochs of each layer's autoencoder (pretrain-stack). */
  pretrainEpochs: number
  /** '' = the task's default (softmax cross-entropy for classifiers, sse for autoencoders). */
  loss: LossName | ''
  optimizer: 'sgd' | 'adam'
  lr: number
  momentum: number
  nesterov: boolean
  beta1: number
  beta2: number
  weightDecay: number
  epochs: number
  batchSize: number
  sampling: 'shuffle' | 'random-with-replacement'
  /** Draws per epoch of random sampling; undefined = the dataset's size. */
  drawsPerEpoch: number | undefined
  seed: number
  source: SourceChoice
  perClassLimit: number | undefined
  testPerClassLimit: number | undefined
}

export function defaultDraft(): ExperimentDraft {
  return {
    name: 'MNIST experiment',
    runName: '',
    task: 'classify',
    variant: 'plain',
    noiseKind: 'masking',
    noiseLevel: 0.25,
    pretrainEpochs: 1,
    loss: '',
    optimizer: 'adam',
    lr: 0.001,
    momentum: 0,
    nesterov: false,
    beta1: 0.9,
    beta2: 0.999,
    weightDecay: 0,
    epochs: 1,
    batchSize: 32,
    sampling: 'shuffle',
    drawsPerEpoch: undefined,
    seed: 0,
    source: 'mnist',
    perClassLimit: undefined,
    testPerClassLimit: undefined,
  }
}

/** The form filled from an experiment spec as a file holds it (defaults where it leaves fields out). */
export function draftFromExperiment(experiment: unknown): ExperimentDraft {
  const draft = defaultDraft()
  if (!isObject(experiment)) return draft
  const data = objectAt(experiment, 'data')
  const task = objectAt(experiment, 'task')
  const training = objectAt(experiment, 'training')
  const optimizer = objectAt(training, 'optimizer')
  const sampling = objectAt(training, 'sampling')
  const noise = objectAt(task, 'noise')
  const betas = Array.isArray(optimizer.betas) ? optimizer.betas : []
  const optimizerName = oneOf(['sgd', 'adam'] as const, optimizer.name, 'adam')
  const sourceKind = stringAt(objectAt(data, 'source'), 'kind')
  return {
    ...draft,
    name: stringAt(experiment, 'name') ?? draft.name,
    task: oneOf(taskOptions, task.kind, 'classify'),
    variant: oneOf(variantOptions, task.variant, 'plain'),
    noiseKind: oneOf(noiseOptions, noise.kind, draft.noiseKind),
    noiseLevel: numberAt(noise, 'level') ?? draft.noiseLevel,
    pretrainEpochs: numberAt(objectAt(task, 'pretrain'), 'epochs') ?? draft.pretrainEpochs,
    loss: lossOptions.find((loss) => loss === training.loss) ?? '',
    optimizer: optimizerName,
    lr: numberAt(optimizer, 'lr') ?? (optimizerName === 'adam' ? 0.001 : 0.01),
    momentum: numberAt(optimizer, 'momentum') ?? 0,
    nesterov: optimizer.nesterov === true,
    beta1: typeof betas[0] === 'number' ? betas[0] : draft.beta1,
    beta2: typeof betas[1] === 'number' ? betas[1] : draft.beta2,
    weightDecay: numberAt(optimizer, 'weightDecay') ?? 0,
    epochs: numberAt(training, 'epochs') ?? 10,
    batchSize: numberAt(training, 'batchSize') ?? 32,
    sampling: oneOf(['shuffle', 'random-with-replacement'] as const, sampling.kind, 'shuffle'),
    drawsPerEpoch: numberAt(sampling, 'drawsPerEpoch'),
    seed: numberAt(training, 'seed') ?? 0,
    source: sourceKind === 'mnist' || sourceKind === undefined ? 'mnist' : 'preset',
    perClassLimit: numberAt(data, 'perClassLimit'),
    testPerClassLimit: numberAt(data, 'testPerClassLimit'),
  }
}

const positiveInt = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n >= 1

/** The fields whose values the experiment schema would refuse (the form marks them; Start waits). */
export function invalidFields(draft: ExperimentDraft): string[] {
  const bad: string[] = []
  const check = (field: keyof ExperimentDraft, ok: boolean) => {
    if (!ok) bad.push(field)
  }
  check('name', draft.name.trim() !== '')
  check('lr', Number.isFinite(draft.lr) && draft.lr > 0)
  check('epochs', positiveInt(draft.epochs))
  check('batchSize', positiveInt(draft.batchSize))
  check('seed', Number.isInteger(draft.seed) && draft.seed >= 0 && draft.seed <= 0xffffffff)
  check('weightDecay', Number.isFinite(draft.weightDecay) && draft.weightDecay >= 0)
  if (draft.optimizer === 'sgd') check('momentum', Number.isFinite(draft.momentum) && draft.momentum >= 0)
  else {
    check('beta1', draft.beta1 >= 0 && draft.beta1 < 1)
    check('beta2', draft.beta2 >= 0 && draft.beta2 < 1)
  }
  if (draft.sampling === 'random-with-replacement' && draft.drawsPerEpoch !== undefined) {
    check('drawsPerEpoch', positiveInt(draft.drawsPerEpoch))
  }
  if (draft.perClassLimit !== undefined) check('perClassLimit', positiveInt(draft.perClassLimit))
  if (draft.testPerClassLimit !== undefined) check('testPerClassLimit', positiveInt(draft.testPerClassLimit))
  if (draft.task === 'pretrain-stack') check('pretrainEpochs', positiveInt(draft.pretrainEpochs))
  if (draft.task === 'autoencode' && draft.variant === 'denoising') {
    check('noiseLevel', Number.isFinite(draft.noiseLevel) && draft.noiseLevel >= 0)
  }
  return bad
}
