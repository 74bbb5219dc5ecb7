import {
  createOptimizer,
  type Optimizer,
  type Parameter,
  type ParsedModelSpec,
  RandomWithReplacementSampler,
  type Sampler,
  type Shape,
  shapeSize,
  shapeToString,
  ShuffleSampler,
} from '../../engine'
import {
  modelFitIssues,
  type OptimizerSettings,
  type ParsedExperiment,
  type SamplingSettings,
  type Task,
} from '../../shared/experiment'
import { TrainingError, type TrainingDataset } from './types'

/**
 * Building blocks every task shares: seeds for the independent random streams, the optimizer and
 * sampler from the experiment's settings, and the checks that the dataset and the model fit.
 */

/**
 * A seed for one random stream of a run: the weights use `seed` itself (buildModel), the noise and
 * dropout seed ^ 0x9e3779b9 (the model's runtime Rng), and each stage's sampler its own stream, so
 * one consumer of random numbers never shifts another's.
 */
export function streamSeed(seed: number, stream: number): number {
  return ((seed ^ 0x85ebca6b) + Math.imul(stream + 1, 0x9e3779b1)) >>> 0
}

export function makeOptimizer(settings: OptimizerSettings, params: readonly Parameter[]): Optimizer {
  if (settings.name === 'sgd') {
    const { lr, momentum, dampening, nesterov, weightDecay } = settings
    return createOptimizer('sgd', params, { lr, momentum, dampening, nesterov, weightDecay })
  }
  const { lr, betas, eps, weightDecay, amsgrad } = settings
  return createOptimizer('adam', params, { lr, betas, eps, weightDecay, amsgrad })
}

export function makeSampler(
  sampling: SamplingSettings,
  size: number,
  batchSize: number,
  seed: number,
): Sampler {
  if (sampling.kind === 'shuffle') return new ShuffleSampler({ size, batchSize, seed })
  return new RandomWithReplacementSampler({ size, batchSize, draws: sampling.drawsPerEpoch ?? size, seed })
}

/** The dataset's arrays agree with each other (sizes, labels in range). */
export function checkDataset(data: TrainingDataset): { trainCount: number; testCount: number } {
  const sampleSize = shapeSize(data.sampleShape)
  const where = `dataset with samples ${shapeToString(data.sampleShape)}`
  if (!(sampleSize > 0) || data.classes.length < 1) {
    throw new TrainingError(`${where}: needs a non-empty sample shape and at least one class`)
  }
  const count = (x: Float32Array, y: Int32Array, split: string): number => {
    if (x.length !== y.length * sampleSize) {
      throw new TrainingError(
        `${where}: the ${split} set has ${y.length} labels but ${x.length} values, expected ` +
          `${y.length} × ${sampleSize} = ${y.length * sampleSize}`,
      )
    }
    for (let i = 0; i < y.length; i++) {
      if (!(y[i]! >= 0 && y[i]! < data.classes.length)) {
        throw new TrainingError(
          `${where}: ${split} sample ${i} has label ${y[i]}, expected 0 … ${data.classes.length - 1}`,
        )
      }
    }
    return y.length
  }
  const trainCount = count(data.trainX, data.trainY, 'training')
  if (trainCount === 0) throw new TrainingError(`${where}: the training set is empty`)
  if ((data.testX === undefined) !== (data.testY === undefined)) {
    throw new TrainingError(`${where}: give testX and testY together`)
  }
  const testCount = data.testX && data.testY ? count(data.testX, data.testY, 'test') : 0
  return { trainCount, testCount }
}

/** The model fits the data and the task, or a TrainingError says why. */
export function checkFit(model: ParsedModelSpec, task: Task, data: TrainingDataset): void {
  const issues = modelFitIssues(model, task, { sampleShape: data.sampleShape, classes: data.classes.length })
  if (issues.length > 0) throw new TrainingError(issues.map((i) => i.message).join('; '))
}

/** The experiment's model spec: inline, or the resolved preset passed by the caller. */
export function modelSpecOf(experiment: ParsedExperiment, model: unknown): unknown {
  if (typeof experiment.model !== 'string') return experiment.model
  if (model === undefined) {
    throw new TrainingError(
      `experiment '${experiment.name}' names the preset model '${experiment.model}': resolve it with the ` +
        `preset catalogue and pass it as options.model`,
    )
  }
  return model
}

/** Same samples, one colour plane: (N, C, Y, X) → (N, 1, Y, X) of channel c. */
export function channelPlane(x: Float32Array, shape: Shape, channel: number): Float32Array {
  const [c, h, w] = shape as [number, number, number]
  const plane = h * w
  const n = x.length / (c * plane)
  const out = new Float32Array(n * plane)
  for (let i = 0; i < n; i++)
    out.set(x.subarray((i * c + channel) * plane, (i * c + channel + 1) * plane), i * plane)
  return out
}

export type { Sampler }
