import { npzToStateDict, type ParsedModelSpec } from '../../engine'
import type { ParsedExperiment } from '../../shared/experiment'
import type { RunFolder } from '../../main/services/runs'
import { activateKernels } from '../../worker/kernels'
import { decodeCheckpoint, networkForExperiment, type TaskNetwork } from '../../worker/training'
import type { CliContext } from '../context'
import { CliError } from '../errors'

/**
 * A run's trained network: built from its experiment's model (as training built it: the same
 * normalisation and noise layers) with its weights.npz loaded — or, for a single-stage run that has
 * not finished, the weights of its latest checkpoint. The kernels are the training worker's (WebAssembly
 * SIMD when it loads, else the JS reference), so evaluating here gives evaluation.json's numbers to
 * the last bit.
 */
export interface RunNetwork {
  experiment: ParsedExperiment
  model: ParsedModelSpec
  network: TaskNetwork
  /** "weights.npz" or "checkpoints/epoch-3.npz". */
  weightsFrom: string
}

async function exists(run: RunFolder): Promise<Uint8Array | undefined> {
  try {
    return await run.readWeights()
  } catch {
    return undefined
  }
}

export async function loadRunNetwork(ctx: CliContext, run: RunFolder): Promise<RunNetwork> {
  const experiment = await run.readExperiment()
  const model = await ctx.modelOf(experiment)
  const kind = experiment.task.kind
  if (kind === 'per-channel-autoencode') {
    throw new CliError(
      `run ${run.id} trains one autoencoder per colour channel (stages/R, G, B); it has no single network`,
    )
  }
  await activateKernels()
  const network = networkForExperiment(experiment, model)
  const bytes = await exists(run)
  if (bytes) {
    network.loadWeights(npzToStateDict(bytes).tensors)
    return { experiment, model, network, weightsFrom: 'weights.npz' }
  }
  const latest = await run.latestCheckpoint()
  if (kind === 'pretrain-stack' || latest === undefined) {
    const state = await run.readState()
    throw new CliError(
      `run ${run.id} has no weights.npz yet (it is ${state?.status ?? 'queued'}); ` +
        `finish it with \`dllab resume ${run.id}\``,
    )
  }
  network.loadWeights(decodeCheckpoint(await run.readCheckpoint(latest)).weights)
  return { experiment, model, network, weightsFrom: `checkpoints/${latest}` }
}
