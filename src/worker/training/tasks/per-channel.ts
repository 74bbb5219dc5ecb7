import { npzToStateDict, type StateDict, stateDictToNpz } from '../../../engine'
import { reconstructionError } from '../../../shared/evaluation'
import {
  type ChannelName,
  channelNames,
  type EvaluationFile,
  type ParsedExperiment,
  type PerChannelTask,
} from '../../../shared/experiment'
import type { CheckpointContents } from '../checkpoint'
import { reconstructionOf } from '../final-evaluation'
import { networkForExperiment } from '../network'
import { channelPlane, checkFit, modelSpecOf } from '../setup'
import type { LoopEnv } from '../train-loop'
import {
  type RunOutput,
  type RunTrainingOptions,
  type TrainingDataset,
  TrainingError,
  type TrainingResult,
} from '../types'
import { trainNetworkStage } from './network-stage'

/**
 * per-channel-autoencode, the lecture's CIFAR-10 homework (宿題⑩): one autoencoder per colour channel,
 * each trained on that channel's plane (N, 1, Y, X) of the RGB images, then the three outputs put back
 * together into colour images.
 *
 *   options.channel = 'G'   trains that channel only, in the sub-run stages/G/ (metrics, checkpoints,
 *                           weights.npz, evaluation.json): the supervisor runs R, G, B in parallel this
 *                           way and then calls combineChannels
 *   no options.channel      trains the task's channels one after another, then combines; a checkpoint
 *                           of channel G (its meta stage "channel:G") resumes there, the channels before
 *                           it being read back from their weights.npz
 *
 * combineChannels writes the run's weights.npz (every channel's weights, keys prefixed "R.", "G.", "B.")
 * and evaluation.json: the reconstruction error of the recombined colour images (when all three channels
 * are trained) and each channel's under stages.
 */
const planeOf = (c: ChannelName): number => channelNames.indexOf(c)

function channelData(dataset: TrainingDataset, c: ChannelName): TrainingDataset {
  const p = planeOf(c)
  const [, h, w] = dataset.sampleShape as [number, number, number]
  return {
    ...dataset,
    trainX: channelPlane(dataset.trainX, dataset.sampleShape, p),
    ...(dataset.testX ? { testX: channelPlane(dataset.testX, dataset.sampleShape, p) } : {}),
    sampleShape: [1, h, w],
  }
}

function checkImages(dataset: TrainingDataset): void {
  if (dataset.sampleShape.length !== 3 || dataset.sampleShape[0] !== 3) {
    throw new TrainingError(
      `per-channel-autoencode needs RGB images (3, Y, X), got samples of shape (${dataset.sampleShape.join(', ')}); ` +
        `set data.preprocess.colour to 'rgb'`,
    )
  }
}

async function trainChannel(
  options: RunTrainingOptions,
  spec: unknown,
  env: LoopEnv,
  c: ChannelName,
  resume: CheckpointContents | undefined,
): Promise<TrainingResult> {
  const { experiment } = options
  const data = channelData(options.dataset, c)
  const network = networkForExperiment(experiment, spec)
  checkFit(network.model.spec, experiment.task, options.dataset)
  return trainNetworkStage(
    {
      name: `channel:${c}`,
      index: 0,
      labelled: true,
      network,
      kind: 'autoencode',
      training: experiment.training,
      train: { x: data.trainX, labels: data.trainY, sampleShape: data.sampleShape },
      ...(data.testX && data.testY
        ? { test: { x: data.testX, labels: data.testY, sampleShape: data.sampleShape } }
        : {}),
      classes: data.classes,
      output: options.run.child(c),
      previewCount: options.previewCount ?? 8,
      task: 'per-channel-autoencode',
      samplerStream: planeOf(c),
    },
    env,
    resume,
  )
}

export async function trainPerChannel(
  options: RunTrainingOptions,
  spec: unknown,
  env: LoopEnv,
  resume: CheckpointContents | undefined,
): Promise<TrainingResult> {
  checkImages(options.dataset)
  const task = options.experiment.task as PerChannelTask
  const channels = task.channels
  if (options.channel) {
    if (!channels.includes(options.channel)) {
      throw new TrainingError(
        `channel ${options.channel} is not one of the task's channels ${channels.join(', ')}`,
      )
    }
    if (resume && resume.meta.stage !== `channel:${options.channel}`) {
      throw new TrainingError(
        `the checkpoint is of stage '${resume.meta.stage}', not of channel ${options.channel}`,
      )
    }
    env.callbacks.onStage?.({
      name: `channel:${options.channel}`,
      index: channels.indexOf(options.channel),
      count: 1,
    })
    return trainChannel(options, spec, env, options.channel, resume)
  }
  const start = resume ? channels.findIndex((c) => resume.meta.stage === `channel:${c}`) : 0
  if (start < 0)
    throw new TrainingError(`the checkpoint's stage '${resume!.meta.stage}' is not a channel of this task`)
  let last: TrainingResult | undefined
  for (let i = start; i < channels.length; i++) {
    const c = channels[i]!
    env.callbacks.onStage?.({ name: `channel:${c}`, index: i, count: channels.length })
    last = await trainChannel(options, spec, env, c, i === start ? resume : undefined)
    if (last.status === 'cancelled') return last
  }
  const evaluation = await combineChannels({ ...options, model: spec })
  const { evaluation: _channelEvaluation, ...outcome } = last!
  return { ...outcome, evaluation }
}

export interface CombineChannelsOptions {
  experiment: ParsedExperiment
  model?: unknown
  dataset: TrainingDataset
  run: RunOutput
}

/** Reads each channel's weights.npz, evaluates, writes the run's weights.npz and evaluation.json. */
export async function combineChannels(options: CombineChannelsOptions): Promise<EvaluationFile> {
  checkImages(options.dataset)
  const { experiment, dataset, run } = options
  const spec = modelSpecOf(experiment, options.model)
  const task = experiment.task as PerChannelTask
  const test = Boolean(dataset.testX && dataset.testY)
  const x = test ? dataset.testX! : dataset.trainX
  const labels = test ? dataset.testY! : dataset.trainY
  const [, h, w] = dataset.sampleShape as [number, number, number]
  const plane = h * w
  const n = labels.length
  const combined = new Float32Array(x.length)
  const weights: StateDict = {}
  const stages: NonNullable<EvaluationFile['stages']> = {}
  for (const c of task.channels) {
    const network = networkForExperiment(experiment, spec)
    const saved = npzToStateDict(await run.child(c).readWeights()).tensors
    network.loadWeights(saved)
    for (const [key, t] of Object.entries(saved)) weights[`${c}.${key}`] = t
    const set = { x: channelPlane(x, dataset.sampleShape, planeOf(c)), labels, sampleShape: [1, h, w] }
    const { evaluation, outputs } = reconstructionOf(
      (t) => network.predict(t),
      set,
      experiment.training.evalBatchSize,
    )
    stages[c] = { reconstruction: evaluation }
    const p = planeOf(c)
    for (let i = 0; i < n; i++)
      combined.set(outputs.subarray(i * plane, (i + 1) * plane), (i * 3 + p) * plane)
  }
  const evaluation: EvaluationFile = {
    format: 'dllab.evaluation/1',
    task: 'per-channel-autoencode',
    split: test ? 'test' : 'train',
    ...(task.channels.length === 3
      ? { reconstruction: reconstructionError({ target: x, output: combined, samples: n }) }
      : {}),
    stages,
  }
  await run.writeWeights(stateDictToNpz(weights))
  await run.writeEvaluation(evaluation)
  return evaluation
}
