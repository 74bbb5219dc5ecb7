import { type CheckpointContents, decodeCheckpoint } from './checkpoint'
import { TrainingControl } from './control'
import { defaultClock } from './progress'
import { checkDataset, modelSpecOf } from './setup'
import { trainPerChannel } from './tasks/per-channel'
import { trainPretrainStack } from './tasks/pretrain-stack'
import { trainSingle } from './tasks/single'
import type { LoopEnv } from './train-loop'
import type { RunTrainingOptions, TrainingResult } from './types'

/**
 * runTraining: trains an experiment on a decoded dataset, writing metrics, checkpoints, weights.npz
 * and evaluation.json through `run`, and reporting through callbacks. It is transport-agnostic: the
 * worker entry (utility process or child process), the CLI and tests call it the same way.
 *
 *   classify, autoencode     one stage ("train")
 *   pretrain-stack           "pretrain:<layer>" per hidden layer, "finetune", ["scratch"] (tasks/pretrain-stack.ts)
 *   per-channel-autoencode   "channel:R", "channel:G", "channel:B", each in its sub-run stages/<c>/, then
 *                            the recombined colour images (tasks/per-channel.ts)
 *
 * Control: `control.pause()/resume()/cancel()` or `signal` (abort = cancel). A cancelled run writes a
 * checkpoint of its exact position and resolves with status 'cancelled'; `resumeFrom` (that
 * checkpoint's bytes) continues it, and the finished run's weights.npz is byte-identical to an
 * uninterrupted run's. Errors (a model that does not fit the data, a diverged loss) reject with a
 * TrainingError; the caller marks the run failed (the last checkpoint stays usable).
 */
export async function runTraining(options: RunTrainingOptions): Promise<TrainingResult> {
  const control = options.control ?? new TrainingControl()
  if (options.signal) control.link(options.signal)
  const env: LoopEnv = { callbacks: options, control, now: options.now ?? defaultClock() }
  const spec = modelSpecOf(options.experiment, options.model)
  checkDataset(options.dataset)
  const resume: CheckpointContents | undefined = options.resumeFrom
    ? decodeCheckpoint(options.resumeFrom)
    : undefined
  const task = options.experiment.task
  switch (task.kind) {
    case 'classify':
    case 'autoencode':
      return trainSingle(options, spec, env, resume)
    case 'pretrain-stack':
      return trainPretrainStack(options, spec, env, resume)
    case 'per-channel-autoencode':
      return trainPerChannel(options, spec, env, resume)
  }
}
