import type { CheckpointContents } from '../checkpoint'
import { networkForExperiment } from '../network'
import { checkFit } from '../setup'
import type { LoopEnv } from '../train-loop'
import type { RunTrainingOptions, TrainingResult } from '../types'
import { trainNetworkStage } from './network-stage'

/** The classify and autoencode tasks: one network, one stage ("train"). */
export async function trainSingle(
  options: RunTrainingOptions,
  spec: unknown,
  env: LoopEnv,
  resume: CheckpointContents | undefined,
): Promise<TrainingResult> {
  const { experiment, dataset } = options
  const network = networkForExperiment(experiment, spec)
  checkFit(network.model.spec, experiment.task, dataset)
  const kind = experiment.task.kind === 'classify' ? 'classify' : 'autoencode'
  const result = await trainNetworkStage(
    {
      name: 'train',
      index: 0,
      labelled: false,
      network,
      kind,
      training: experiment.training,
      train: { x: dataset.trainX, labels: dataset.trainY, sampleShape: dataset.sampleShape },
      ...(dataset.testX && dataset.testY
        ? { test: { x: dataset.testX, labels: dataset.testY, sampleShape: dataset.sampleShape } }
        : {}),
      classes: dataset.classes,
      output: options.run,
      previewCount: options.previewCount ?? 8,
      task: experiment.task.kind,
    },
    env,
    resume,
  )
  return result
}
