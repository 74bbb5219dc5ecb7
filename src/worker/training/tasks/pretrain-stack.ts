import {
  ActivationLayer,
  DenseLayer,
  getLoss,
  type Layer,
  NoiseLayer,
  npzToStateDict,
  type Parameter,
  Rng,
  ShuffleSampler,
} from '../../../engine'
import type { EvaluationFile, PretrainStackTask } from '../../../shared/experiment'
import { type CheckpointContents, restoreParameters } from '../checkpoint'
import { outputsOf } from '../evaluate'
import { LayerStack } from '../layer-stack'
import { networkForExperiment, type TaskNetwork } from '../network'
import { checkFit, makeOptimizer, streamSeed } from '../setup'
import { ReconstructionTargets } from '../targets'
import { type LoopEnv, runStage, type Stage } from '../train-loop'
import { type RunTrainingOptions, TrainingError, type TrainingResult } from '../types'
import { evaluateNetwork, type NetworkStageOptions, trainNetworkStage } from './network-stage'

/**
 * pretrain-stack: greedy layer-wise pre-training, then fine-tuning (the lecture's stacked autoencoder).
 *
 *   stage k < K   "pretrain:<layer>": hidden dense layer k (with its activation) as the encoder of an
 *                 autoencoder with a temporary decoder back to its input size ("<layer>-decoder",
 *                 task.pretrain.decoderActivation), trained on the CODES of the layers below it
 *                 (their outputs in inference mode, computed once the lower stages are trained);
 *                 task.pretrain settings, a fresh shuffle per epoch, optional input corruption
 *   stage K       "finetune": the whole classifier from the pre-trained weights, training settings
 *   stage K + 1   "scratch" (compareFromScratch): the same network from the same initial weights (the
 *                 same seed) and the same batches, without pre-training; its weights.npz goes to
 *                 stages/scratch/
 *
 * The hidden layers are the model's dense layers but the last (the classifier head); the model may have
 * no other layers with parameters. All stages write metrics (labelled by stage) and checkpoints
 * (stage-<k>-epoch-<e>.npz) to the run folder; a checkpoint of any stage resumes there. evaluation.json
 * holds the fine-tuned classifier's numbers and, under stages, both networks'.
 */
interface HiddenLayer {
  specIndex: number
  name: string
  /** model.layers indices: the dense layer and its activation. */
  first: number
  last: number
}

function hiddenLayers(network: TaskNetwork): HiddenLayer[] {
  const { model } = network
  const specLayers = model.spec.layers
  const withParams = specLayers.filter((l) => ['conv2d', 'tied-dense'].includes(l.type))
  if (withParams.length > 0) {
    throw new TrainingError(
      `pretrain-stack pre-trains dense layers only; model '${model.name}' has ` +
        withParams.map((l) => `${l.type} '${l.name}'`).join(', '),
    )
  }
  const dense = specLayers.flatMap((l, i) => (l.type === 'dense' ? [i] : []))
  if (dense.length < 2) {
    throw new TrainingError(
      `pretrain-stack needs at least one hidden dense layer before the classifier's last dense layer; ` +
        `model '${model.name}' has ${dense.length} dense layer${dense.length === 1 ? '' : 's'}`,
    )
  }
  return dense.slice(0, -1).map((specIndex) => ({
    specIndex,
    name: specLayers[specIndex]!.name,
    first: model.specIndex.indexOf(specIndex),
    last: model.specIndex.lastIndexOf(specIndex),
  }))
}

/** The autoencoder that pre-trains one hidden layer: [noise] encoder (+act) decoder (+act). */
function layerAutoencoder(
  network: TaskNetwork,
  hidden: HiddenLayer,
  task: PretrainStackTask,
  seed: number,
): LayerStack {
  const { model } = network
  const encoder = model.layers.slice(hidden.first, hidden.last + 1)
  const input = encoder[0]!.inputShape
  const code = encoder.at(-1)!.outputShape
  const name = `${hidden.name}-decoder`
  const init = model.spec.init
  const decoder = new DenseLayer(
    { units: input[0]! },
    { name, inputShape: code, init, rng: new Rng(streamSeed(seed, 100 + hidden.specIndex)) },
  )
  const act = new ActivationLayer(
    { activation: task.pretrain.decoderActivation },
    { name: `${name}.act`, inputShape: input, init, rng: model.rng },
  )
  const layers: Layer[] = [...encoder, decoder, act]
  const noise = task.pretrain.noise
  if (noise) {
    const config =
      noise.kind === 'gaussian'
        ? { kind: 'gaussian' as const, sigma: noise.level }
        : { kind: noise.kind, fraction: noise.level }
    layers.unshift(
      new NoiseLayer(config, { name: `${hidden.name}-noise`, inputShape: input, init, rng: model.rng }),
    )
  }
  return new LayerStack(layers, `pre-training autoencoder of '${hidden.name}'`)
}

/** The inputs of hidden layer `hidden`: the outputs of the layers below it, in inference mode. */
function codesBelow(
  network: TaskNetwork,
  hidden: HiddenLayer,
  x: Float32Array,
  batchSize: number,
): Float32Array {
  const below = network.model.layers.slice(0, hidden.first)
  if (below.length === 0) return x
  const stack = new LayerStack(below)
  const out = stack.outputShape.reduce((a, b) => a * b, 1)
  return outputsOf(
    (t) => stack.forward(t, { training: false }),
    { x, sampleShape: stack.inputShape },
    out,
    batchSize,
  )
}

function union(a: readonly Parameter[], b: readonly Parameter[]): Parameter[] {
  const names = new Set(a.map((p) => p.name))
  return [...a, ...b.filter((p) => !names.has(p.name))]
}

export async function trainPretrainStack(
  options: RunTrainingOptions,
  spec: unknown,
  env: LoopEnv,
  resume: CheckpointContents | undefined,
): Promise<TrainingResult> {
  const { experiment, dataset, run } = options
  const task = experiment.task as PretrainStackTask
  const { training } = experiment
  const network = networkForExperiment(experiment, spec)
  checkFit(network.model.spec, task, dataset)
  const hidden = hiddenLayers(network)
  const K = hidden.length
  const count = K + 1 + (task.compareFromScratch ? 1 : 0)
  const start = resume?.meta.stageIndex ?? 0
  if (start >= count)
    throw new TrainingError(`the checkpoint's stage ${start} is not a stage of this experiment`)

  for (let k = start < K ? start : K; k < K; k++) {
    const layer = hidden[k]!
    env.callbacks.onStage?.({ name: `pretrain:${layer.name}`, index: k, count })
    const ae = layerAutoencoder(network, layer, task, training.seed)
    const params = union(network.parameters(), ae.parameters())
    const resumeHere = k === start ? resume : undefined
    if (resumeHere) restoreParameters(params, resumeHere.weights) // the codes come from restored layers
    const inputShape = [...ae.inputShape]
    const targets = new ReconstructionTargets(inputShape)
    const codes = codesBelow(network, layer, dataset.trainX, training.evalBatchSize)
    const testCodes = dataset.testX
      ? codesBelow(network, layer, dataset.testX, training.evalBatchSize)
      : undefined
    const stage: Stage = {
      name: `pretrain:${layer.name}`,
      index: k,
      labelled: true,
      network: ae,
      params,
      runtimeRng: network.model.rng,
      loss: getLoss(task.pretrain.loss),
      optimizer: makeOptimizer(task.pretrain.optimizer, ae.parameters()),
      sampler: new ShuffleSampler({
        size: dataset.trainY.length,
        batchSize: task.pretrain.batchSize,
        seed: streamSeed(training.seed, k),
      }),
      epochs: task.pretrain.epochs,
      seed: training.seed,
      train: { x: codes, sampleShape: inputShape, targets },
      ...(testCodes ? { test: { x: testCodes, sampleShape: inputShape, targets } } : {}),
      evalBatchSize: training.evalBatchSize,
      checkpointEvery: training.checkpointEvery,
      ...(training.logEverySteps ? { logEverySteps: training.logEverySteps } : {}),
      output: run,
    }
    const outcome = await runStage(stage, env, resumeHere)
    if (outcome.status === 'cancelled') return outcome
  }

  const stageOptions = (name: string, index: number, net: TaskNetwork): NetworkStageOptions => ({
    name,
    index,
    labelled: true,
    network: net,
    kind: 'classify',
    training,
    train: { x: dataset.trainX, labels: dataset.trainY, sampleShape: dataset.sampleShape },
    ...(dataset.testX && dataset.testY
      ? { test: { x: dataset.testX, labels: dataset.testY, sampleShape: dataset.sampleShape } }
      : {}),
    classes: dataset.classes,
    output: run,
    writeEvaluation: false,
    previewCount: options.previewCount ?? 8,
    task: 'pretrain-stack',
    samplerStream: K,
  })

  const finetune = stageOptions('finetune', K, network)
  let finetuneEval: EvaluationFile
  let last: TrainingResult | undefined
  if (start <= K) {
    env.callbacks.onStage?.({ name: 'finetune', index: K, count })
    const result = await trainNetworkStage(finetune, env, start === K ? resume : undefined)
    if (result.status === 'cancelled') return result
    finetuneEval = result.evaluation!
    last = result
  } else {
    network.loadWeights(npzToStateDict(await run.readWeights()).tensors)
    finetuneEval = evaluateNetwork(finetune)
  }

  const evaluation: EvaluationFile = {
    ...finetuneEval,
    stages: { finetune: { classification: finetuneEval.classification! } },
  }
  if (task.compareFromScratch) {
    env.callbacks.onStage?.({ name: 'scratch', index: K + 1, count })
    const scratch = stageOptions('scratch', K + 1, networkForExperiment(experiment, spec))
    const result = await trainNetworkStage(
      { ...scratch, results: run.child('scratch') },
      env,
      start === K + 1 ? resume : undefined,
    )
    if (result.status === 'cancelled') return result
    evaluation.stages!.scratch = { classification: result.evaluation!.classification! }
    last = result
  }
  await run.writeEvaluation(evaluation)
  const { evaluation: _stageEvaluation, ...outcome } = last ?? {
    status: 'finished' as const,
    epoch: 0,
    step: 0,
  }
  return { ...outcome, evaluation }
}
