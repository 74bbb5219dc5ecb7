import { inferShapes, type ParsedModelSpec, type Shape, shapeSize, shapeToString } from '../../engine'
import type { ExperimentIssue } from './errors'
import type { ExperimentData, Task } from './schema'

/**
 * Does the model fit the data and the task? Checked before anything is trained (and for every
 * preset in the tests), so a mismatch is one clear sentence instead of a shape error deep in a layer:
 *
 *   sample (C, Y, X) after preprocessing, or per channel (1, Y, X) for per-channel-autoencode
 *   model input: the same number of values ((features) or (C, Y, X): one sample's values are
 *                contiguous, so a flat input reads the image row by row, as the lecture's flatten())
 *   classify / pretrain-stack: model output (classes)
 *   autoencoders: model output with as many values as the input
 */
export interface DataShape {
  /** One sample after preprocessing, (C, Y, X). */
  sampleShape: Shape
  /** Number of classes (class names), when known. */
  classes?: number
}

/** Images and classes of the built-in and binary sources, before resizing. */
const KNOWN_SOURCES = {
  mnist: { height: 28, width: 28, classes: 10 },
  'cifar-binary': { height: 32, width: 32, classes: 10 },
} as const

/**
 * The sample shape and class count an experiment's data will have, as far as the spec alone tells
 * (a folder's image size and classes are known only once it is scanned; undefined then).
 */
export function expectedDataShape(data: ExperimentData): DataShape | undefined {
  const channels = data.preprocess.colour === 'rgb' ? 3 : 1
  const known = data.source.kind === 'mnist' || data.source.kind === 'cifar-binary'
  const source = known ? KNOWN_SOURCES[data.source.kind as keyof typeof KNOWN_SOURCES] : undefined
  const size = data.preprocess.size
  if (size !== undefined) {
    return { sampleShape: [channels, size, size], ...(source ? { classes: source.classes } : {}) }
  }
  if (!source) return undefined
  return { sampleShape: [channels, source.height, source.width], classes: source.classes }
}

/** The shape one network sees: per channel for per-channel-autoencode. */
export function networkSampleShape(task: Task, sampleShape: Shape): Shape {
  if (task.kind !== 'per-channel-autoencode') return sampleShape
  return [1, ...sampleShape.slice(1)]
}

/** Problems fitting `model` to data of `shape` for `task` (empty when it fits). */
export function modelFitIssues(model: ParsedModelSpec, task: Task, shape: DataShape): ExperimentIssue[] {
  const summary = inferShapes(model)
  const sample = networkSampleShape(task, shape.sampleShape)
  const issues: ExperimentIssue[] = []
  const label = `model '${model.name ?? 'model'}'`
  const perChannel = task.kind === 'per-channel-autoencode' ? ' (one colour channel)' : ''
  if (shapeSize(summary.inputShape) !== shapeSize(sample)) {
    issues.push({
      path: 'model.input',
      message:
        `experiment model: ${label} takes ${shapeToString(summary.inputShape)} = ${shapeSize(summary.inputShape)} ` +
        `values per sample, but the data gives ${shapeToString(sample)}${perChannel} = ${shapeSize(sample)}; ` +
        `change the model's input or data.preprocess (colour, size)`,
    })
    return issues
  }
  if (summary.inputShape.length === 3 && shapeToString(summary.inputShape) !== shapeToString(sample)) {
    issues.push({
      path: 'model.input',
      message:
        `experiment model: ${label} takes images ${shapeToString(summary.inputShape)}, the data gives ` +
        `${shapeToString(sample)}; change the model's input or data.preprocess`,
    })
  }
  const outputs = shapeSize(summary.outputShape)
  const classifier = task.kind === 'classify' || task.kind === 'pretrain-stack'
  if (classifier && shape.classes !== undefined && outputs !== shape.classes) {
    issues.push({
      path: 'model.layers',
      message:
        `experiment model: ${label} ends in ${outputs} outputs but the data has ${shape.classes} classes; ` +
        `give the last layer ${shape.classes} units`,
    })
  }
  if (classifier && summary.outputShape.length !== 1) {
    issues.push({
      path: 'model.layers',
      message:
        `experiment model: a classifier must end in a flat (classes) output, ${label} ends in ` +
        `${shapeToString(summary.outputShape)}; add a flatten and a dense layer`,
    })
  }
  if (!classifier && outputs !== shapeSize(sample)) {
    issues.push({
      path: 'model.layers',
      message:
        `experiment model: an autoencoder must give back as many values as it takes, ${label} takes ` +
        `${shapeSize(sample)} and gives ${outputs}; make the last layer ${shapeSize(sample)} units`,
    })
  }
  return issues
}
