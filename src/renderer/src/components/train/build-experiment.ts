import type { ModelSpec } from '../../../../engine/models/spec-schema'
import type { ExperimentSpec, TaskKind } from '../../../../shared/experiment'
import type { ChosenData, ExperimentDraft } from './experiment-draft'
import { isObject, type Json, objectAt, stringAt } from './json-read'
import { stepLogInterval } from './step-log'

/**
 * The experiment spec ("dllab.experiment/1", docs/formats.md) the Train view starts: the form's
 * settings with the model from the model editor. What the form does not show (preprocessing's scale,
 * held-out test sets, checkpoints, a task's finer settings) is kept from the experiment the form was
 * filled from (a preset), so opening a preset and pressing Start runs it.
 */

/** Sizes of the built-in source's images: no resize needed at that size. */
const MNIST_SIZE = 28

/**
 * Colour and size the network's input asks for: an image input (C, Y, X) with Y = X, or a flat input
 * of s² (grey) or 3s² (colour) values, as the lecture's flattened 14×14 images. A per-channel
 * autoencoder takes one channel of a colour image.
 */
export function inputPreprocess(
  model: ModelSpec,
  task: TaskKind,
): { colour?: 'grey' | 'rgb'; size?: number } {
  const perChannel = task === 'per-channel-autoencode'
  const input = model.input as Partial<{ channels: number; height: number; width: number; features: number }>
  if (input.height !== undefined && input.width !== undefined) {
    if (input.height !== input.width) return {}
    const colour = perChannel || input.channels === 3 ? 'rgb' : 'grey'
    return { colour, size: input.height }
  }
  if (input.features === undefined) return {}
  const grey = Math.round(Math.sqrt(input.features))
  if (grey * grey === input.features) return { colour: perChannel ? 'rgb' : 'grey', size: grey }
  const rgb = Math.round(Math.sqrt(input.features / 3))
  if (!perChannel && 3 * rgb * rgb === input.features) return { colour: 'rgb', size: rgb }
  return {}
}

function taskSpec(draft: ExperimentDraft, base: Json): Json {
  // A preset's finer task settings (AE.py's normalised hidden layer, the code layer) stay while its kind does.
  const kept = base.kind === draft.task ? base : {}
  switch (draft.task) {
    case 'classify':
      return { kind: 'classify' }
    case 'autoencode': {
      const { noise: _noise, ...rest } = kept
      return {
        ...rest,
        kind: 'autoencode',
        variant: draft.variant,
        ...(draft.variant === 'denoising'
          ? { noise: { kind: draft.noiseKind, level: draft.noiseLevel } }
          : {}),
      }
    }
    case 'pretrain-stack':
      return {
        ...kept,
        kind: 'pretrain-stack',
        pretrain: { ...objectAt(kept, 'pretrain'), epochs: draft.pretrainEpochs },
      }
    case 'per-channel-autoencode':
      return { ...kept, kind: 'per-channel-autoencode' }
  }
}

/** The data's source and preprocessing for the draft's choice of source. */
function dataSpec(
  draft: ExperimentDraft,
  model: ModelSpec,
  baseData: Json,
  chosen: ChosenData | null,
): Json[] {
  if (draft.source === 'datasets' && chosen !== null) return [{ ...chosen.source }, { ...chosen.preprocess }]
  const baseSource = baseData.source
  const source = draft.source === 'preset' && isObject(baseSource) ? baseSource : { kind: 'mnist' }
  // The preset's preprocessing (scale, lecture-exact), with the colour and size the model's input asks for.
  const preprocess: Json = { ...objectAt(baseData, 'preprocess'), ...inputPreprocess(model, draft.task) }
  if (source.kind === 'mnist' && preprocess.size === MNIST_SIZE) delete preprocess.size
  return [source, preprocess]
}

/**
 * The experiment spec to start: the draft's settings, the editor's model, the data (`chosen` is the
 * Datasets view's source and preprocessing), and the rest from `base` (the experiment the draft came from).
 * `trainImages` bounds the training images an epoch, when known: the run then writes step lines
 * (training.logEverySteps, see step-log.ts) for the per-step charts after a reload.
 */
export function buildExperiment(
  draft: ExperimentDraft,
  model: ModelSpec,
  chosen: ChosenData | null,
  base: unknown = {},
  trainImages: number | null = null,
): ExperimentSpec {
  const baseJson = isObject(base) ? base : {}
  const baseData = objectAt(baseJson, 'data')
  const baseTraining = objectAt(baseJson, 'training')
  const [source, preprocess] = dataSpec(draft, model, baseData, chosen)
  const { perClassLimit: _p, testPerClassLimit: _t, source: _s, preprocess: _pp, ...otherData } = baseData
  const optimizer =
    draft.optimizer === 'sgd'
      ? {
          name: 'sgd',
          lr: draft.lr,
          momentum: draft.momentum,
          ...(draft.nesterov ? { nesterov: true } : {}),
          weightDecay: draft.weightDecay,
        }
      : { name: 'adam', lr: draft.lr, betas: [draft.beta1, draft.beta2], weightDecay: draft.weightDecay }
  const description = stringAt(baseJson, 'description')
  const { loss: _loss, ...trainingKept } = baseTraining
  const task = taskSpec(draft, objectAt(baseJson, 'task'))
  const logEverySteps = trainingKept.logEverySteps ?? stepLogInterval(draft, task, trainImages)
  return {
    format: 'dllab.experiment/1',
    name: draft.name.trim(),
    ...(description !== undefined ? { description } : {}),
    data: {
      ...otherData,
      source,
      preprocess,
      ...(draft.perClassLimit !== undefined ? { perClassLimit: draft.perClassLimit } : {}),
      ...(draft.testPerClassLimit !== undefined ? { testPerClassLimit: draft.testPerClassLimit } : {}),
    },
    model: model as unknown as Record<string, unknown>,
    task,
    training: {
      ...trainingKept,
      epochs: draft.epochs,
      batchSize: draft.batchSize,
      sampling:
        draft.sampling === 'shuffle'
          ? { kind: 'shuffle' }
          : {
              kind: 'random-with-replacement',
              ...(draft.drawsPerEpoch !== undefined ? { drawsPerEpoch: draft.drawsPerEpoch } : {}),
            },
      ...(draft.loss !== '' ? { loss: draft.loss } : {}),
      optimizer,
      seed: draft.seed,
      ...(logEverySteps !== undefined ? { logEverySteps } : {}),
    },
  } as ExperimentSpec
}
