import { getLoss, type Shape, stateDictToNpz } from '../../../engine'
import type { EvaluationFile, ParsedTraining, TaskKind } from '../../../shared/experiment'
import type { CheckpointContents } from '../checkpoint'
import { classificationOf, type EvaluationSet, previewOf, reconstructionOf } from '../final-evaluation'
import type { TaskNetwork } from '../network'
import { makeOptimizer, makeSampler, streamSeed } from '../setup'
import { OneHotTargets, ReconstructionTargets, type Targets } from '../targets'
import { type LoopEnv, runStage, type Stage, type StageOutcome } from '../train-loop'
import type { RunOutput } from '../types'

/**
 * Trains one whole network (a classifier or an autoencoder) as one stage, then writes its
 * weights.npz and evaluation.json to `output`: the classify and autoencode tasks, the fine-tuning and
 * from-scratch stages of pretrain-stack, and each channel of per-channel-autoencode.
 */
export interface NetworkStageOptions {
  name: string
  index: number
  labelled: boolean
  network: TaskNetwork
  kind: 'classify' | 'autoencode'
  training: ParsedTraining
  train: EvaluationSet
  test?: EvaluationSet
  classes: readonly string[]
  /** Where metrics lines and checkpoints go. */
  output: RunOutput
  /** Where weights.npz and evaluation.json go (default: output). */
  results?: RunOutput
  /** Write evaluation.json (default true; multi-stage tasks write one combined file). */
  writeEvaluation?: boolean
  previewCount: number
  task: TaskKind
  /** The sampler's random stream (default: the stage index); equal streams give equal batches. */
  samplerStream?: number
}

export interface NetworkStageResult extends StageOutcome {
  evaluation?: EvaluationFile
}

function targetsFor(
  kind: 'classify' | 'autoencode',
  labels: Int32Array,
  classes: number,
  batch: number,
  out: Shape,
): Targets {
  return kind === 'classify' ? new OneHotTargets(labels, classes, batch) : new ReconstructionTargets(out)
}

export function buildNetworkStage(o: NetworkStageOptions): Stage {
  const { network, training, kind } = o
  const classes = o.classes.length
  const batch = training.batchSize
  const evalSet = o.test ?? o.train
  const previewKind = kind === 'classify' ? 'predictions' : 'reconstructions'
  return {
    name: o.name,
    index: o.index,
    labelled: o.labelled,
    network,
    params: network.parameters(),
    runtimeRng: network.model.rng,
    loss: getLoss(training.loss),
    optimizer: makeOptimizer(training.optimizer, network.parameters()),
    sampler: makeSampler(
      training.sampling,
      o.train.labels.length,
      batch,
      streamSeed(training.seed, o.samplerStream ?? o.index),
    ),
    epochs: training.epochs,
    seed: training.seed,
    train: {
      x: o.train.x,
      sampleShape: o.train.sampleShape,
      ...(kind === 'classify' ? { labels: o.train.labels } : {}),
      targets: targetsFor(kind, o.train.labels, classes, batch, network.outputShape),
    },
    ...(o.test
      ? {
          test: {
            x: o.test.x,
            sampleShape: o.test.sampleShape,
            ...(kind === 'classify' ? { labels: o.test.labels } : {}),
            targets: targetsFor(kind, o.test.labels, classes, training.evalBatchSize, network.outputShape),
          },
        }
      : {}),
    evalBatchSize: training.evalBatchSize,
    checkpointEvery: training.checkpointEvery,
    ...(training.logEverySteps ? { logEverySteps: training.logEverySteps } : {}),
    output: o.output,
    preview: (epoch) =>
      o.previewCount > 0
        ? previewOf(previewKind, (x) => network.predict(x), evalSet, o.previewCount, o.name, epoch)
        : undefined,
  }
}

/** The evaluation of a trained network on the test set (the training set when there is none). */
export function evaluateNetwork(o: NetworkStageOptions): EvaluationFile {
  const set = o.test ?? o.train
  const predict = (x: Parameters<TaskNetwork['predict']>[0]) => o.network.predict(x)
  const base = {
    format: 'dllab.evaluation/1' as const,
    task: o.task,
    split: o.test ? ('test' as const) : ('train' as const),
  }
  if (o.kind === 'classify') {
    return {
      ...base,
      classification: classificationOf(o.network, set, o.classes, o.training.evalBatchSize),
    }
  }
  return { ...base, reconstruction: reconstructionOf(predict, set, o.training.evalBatchSize).evaluation }
}

export function weightsNpz(network: TaskNetwork): Uint8Array {
  return stateDictToNpz(network.weights())
}

/** Trains the stage; when it finishes, writes weights.npz and (unless told not to) evaluation.json. */
export async function trainNetworkStage(
  o: NetworkStageOptions,
  env: LoopEnv,
  resume?: CheckpointContents,
): Promise<NetworkStageResult> {
  const outcome = await runStage(buildNetworkStage(o), env, resume)
  if (outcome.status !== 'finished') return outcome
  const results = o.results ?? o.output
  await results.writeWeights(weightsNpz(o.network))
  const evaluation = evaluateNetwork(o)
  if (o.writeEvaluation ?? true) await results.writeEvaluation(evaluation)
  return { ...outcome, evaluation }
}
