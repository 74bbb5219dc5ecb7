import { npzToStateDict, type ParsedModelSpec } from '../../../engine'
import { channelNames, type ParsedExperiment } from '../../../shared/experiment'
import { activateKernels } from '../../../worker/kernels'
import { decodeCheckpoint, networkForExperiment, type TaskNetwork } from '../../../worker/training'
import type { RunFolder } from '../runs'
import { ResultsError } from './errors'
import type { ResultsContext } from './run-context'

/**
 * A run's trained network: built from its experiment's model (as training built it: the same
 * normalisation and noise layers) with its weights.npz loaded — or, for a single-stage run that has
 * not finished, the weights of its latest checkpoint. The kernels are the training worker's (WebAssembly
 * SIMD when it loads, else the JS reference), so evaluating here gives evaluation.json's numbers.
 *
 * `stage` picks one network of a multi-network run: pretrain-stack's 'finetune' (the run's own
 * weights.npz) or 'scratch' (stages/scratch/weights.npz, the comparison trained without
 * pre-training); per-channel-autoencode's 'R', 'G' or 'B' (stages/<c>/weights.npz).
 */
export interface RunNetwork {
  experiment: ParsedExperiment
  model: ParsedModelSpec
  network: TaskNetwork
  /** "weights.npz", "stages/scratch/weights.npz" or "checkpoints/epoch-3.npz". */
  weightsFrom: string
}

async function readWeights(run: RunFolder): Promise<Uint8Array | undefined> {
  try {
    return await run.readWeights()
  } catch {
    return undefined
  }
}

/** The run folder whose weights.npz holds the network of `stage`, and its path for messages. */
function stageFolder(
  run: RunFolder,
  experiment: ParsedExperiment,
  stage: string | undefined,
): { folder: RunFolder; path: string } {
  const kind = experiment.task.kind
  if (kind === 'per-channel-autoencode') {
    if (stage === undefined || !(channelNames as readonly string[]).includes(stage)) {
      throw new ResultsError(
        `run ${run.id} trains one autoencoder per colour channel (stages/R, G, B); name the channel ` +
          `(R, G or B)${stage === undefined ? '' : `, not '${stage}'`}`,
      )
    }
    return { folder: run.child(stage), path: `stages/${stage}/weights.npz` }
  }
  if (stage === undefined || (kind === 'pretrain-stack' && stage === 'finetune')) {
    return { folder: run, path: 'weights.npz' }
  }
  if (kind === 'pretrain-stack' && stage === 'scratch') {
    if (experiment.task.kind === 'pretrain-stack' && !experiment.task.compareFromScratch) {
      throw new ResultsError(
        `run ${run.id} has no 'scratch' network: its experiment does not compare with training from scratch`,
      )
    }
    return { folder: run.child('scratch'), path: 'stages/scratch/weights.npz' }
  }
  throw new ResultsError(
    kind === 'pretrain-stack'
      ? `run ${run.id} has the networks 'finetune' and 'scratch', not '${stage}'`
      : `run ${run.id} (${kind}) has one network; it has no stage '${stage}'`,
  )
}

export async function loadRunNetwork(
  ctx: ResultsContext,
  run: RunFolder,
  stage?: string,
): Promise<RunNetwork> {
  const experiment = await run.readExperiment()
  const model = await ctx.modelOf(experiment)
  const { folder, path } = stageFolder(run, experiment, stage)
  // One thread: this runs in the app's main process (or the CLI), beside the training processes.
  await activateKernels('wasm', 1)
  const network = networkForExperiment(experiment, model)
  const bytes = await readWeights(folder)
  if (bytes) {
    network.loadWeights(npzToStateDict(bytes).tensors)
    return { experiment, model, network, weightsFrom: path }
  }
  const single = experiment.task.kind === 'classify' || experiment.task.kind === 'autoencode'
  const latest = single ? await run.latestCheckpoint() : undefined
  if (latest === undefined) {
    const state = await run.readState()
    throw new ResultsError(
      `run ${run.id} has no ${path} yet (it is ${state?.status ?? 'queued'}); ` +
        `finish it with \`dllab resume ${run.id}\` or the Train view`,
    )
  }
  network.loadWeights(decodeCheckpoint(await run.readCheckpoint(latest)).weights)
  return { experiment, model, network, weightsFrom: `checkpoints/${latest}` }
}
