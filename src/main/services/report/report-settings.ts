/**
 * The experiment's settings as rows of (label, value) text for the report's settings table. Values
 * are technical notation (names of losses and optimizers, numbers), the same in every language.
 */
import type { ParsedExperiment } from '../../../shared/experiment'
import { describePreprocess } from '../datasets/inspect-images'
import type { ReportLabels } from './report-labels'

type Source = ParsedExperiment['data']['source']
type Task = ParsedExperiment['task']
type Optimizer = ParsedExperiment['training']['optimizer']

export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'mnist':
      return 'MNIST (built in)'
    case 'folder':
      return `class folders: train ${source.train}${source.test !== undefined ? `, test ${source.test}` : ''}`
    case 'idx':
      return `IDX files: ${[source.trainImages, source.trainLabels, source.testImages, source.testLabels]
        .filter((p) => p !== undefined)
        .join(', ')}`
    case 'cifar-binary':
      return `CIFAR-10 batches: ${[...source.trainBatches, ...(source.testBatch ? [source.testBatch] : [])].join(', ')}`
  }
}

export function describeTask(task: Task): string {
  switch (task.kind) {
    case 'classify':
      return 'classify'
    case 'autoencode': {
      const noise = task.noise ? `, noise ${task.noise.kind} ${task.noise.level}` : ''
      return `autoencode (${task.variant}${noise}${task.lectureNormalisedHidden ? ', AE.py hidden normalisation' : ''})`
    }
    case 'pretrain-stack': {
      const p = task.pretrain
      return (
        `pretrain-stack: greedy layer-wise pre-training (${p.epochs} epochs, batch ${p.batchSize}, ` +
        `${describeOptimizer(p.optimizer)}, loss ${p.loss}) then fine-tuning` +
        (task.compareFromScratch ? '; compared with training from scratch' : '')
      )
    }
    case 'per-channel-autoencode':
      return `per-channel-autoencode: one autoencoder per channel ${task.channels.join(', ')}, recombined`
  }
}

export function describeOptimizer(optimizer: Optimizer): string {
  const decay = optimizer.weightDecay > 0 ? `, weight decay ${optimizer.weightDecay}` : ''
  if (optimizer.name === 'adam') {
    const [b1, b2] = optimizer.betas
    return `Adam${optimizer.amsgrad ? ' (AMSGrad)' : ''} β = (${b1}, ${b2}), ε = ${optimizer.eps}${decay}`
  }
  const momentum =
    optimizer.momentum > 0
      ? `, momentum ${optimizer.momentum}${optimizer.nesterov ? ' (Nesterov)' : ''}` +
        (optimizer.dampening > 0 ? `, dampening ${optimizer.dampening}` : '')
      : ''
  return `SGD${momentum}${decay}`
}

function describeSelection(data: ParsedExperiment['data']): string | undefined {
  const parts: string[] = []
  if (data.perClassLimit !== undefined) parts.push(`at most ${data.perClassLimit} training images per class`)
  if (data.testPerClassLimit !== undefined)
    parts.push(`at most ${data.testPerClassLimit} test images per class`)
  if (data.holdout) {
    parts.push(
      `${data.holdout.fraction * 100} % of each class held out as the test set (seed ${data.holdout.seed})`,
    )
  }
  return parts.length > 0 ? parts.join('; ') : undefined
}

function describeSampling(sampling: ParsedExperiment['training']['sampling']): string {
  if (sampling.kind === 'shuffle') return 'shuffle every epoch'
  const draws =
    sampling.drawsPerEpoch !== undefined ? `${sampling.drawsPerEpoch} draws` : 'dataset-size draws'
  return `random draws with replacement (${draws} per epoch)`
}

export function settingsRows(experiment: ParsedExperiment, labels: ReportLabels): [string, string][] {
  const { data, training } = experiment
  const selection = describeSelection(data)
  return [
    [labels.task, describeTask(experiment.task)],
    [labels.data, describeSource(data.source)],
    [labels.preprocessing, describePreprocess(data.preprocess)],
    ...(selection ? [[labels.selection, selection] as [string, string]] : []),
    [labels.loss, training.loss],
    [labels.optimizer, describeOptimizer(training.optimizer)],
    [labels.learningRate, String(training.optimizer.lr)],
    [labels.epochs, String(training.epochs)],
    [labels.batchSize, String(training.batchSize)],
    [labels.sampling, describeSampling(training.sampling)],
    [labels.seed, String(training.seed)],
  ]
}
