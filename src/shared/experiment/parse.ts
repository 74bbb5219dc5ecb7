import type { z } from 'zod'
import { checkModelSpec, type LossName, type ParsedModelSpec } from '../../engine'
import { ExperimentSpecError, type ExperimentIssue } from './errors'
import {
  experimentSpecSchema,
  type NoiseSettings,
  type OptimizerSettings,
  type Task,
  type TrainingSettings,
  type ZodExperiment,
} from './schema'

/**
 * parseExperiment(json): validates an experiment spec and fills in its defaults, in three stages,
 * the first failing stage reporting every problem it found:
 *
 *   1. the zod schema (types, ranges, unknown fields): "experiment training.epochs must be a
 *      positive integer, got 0"
 *   2. rules across fields (below)
 *   3. an inline model spec, by the engine (schema and shape inference): "experiment model: conv2d
 *      'c2': output width (14 − 5 + 2·0)/2 + 1 = 5.5 is not an integer; change stride or padding"
 *
 * The loss defaults by task: softmax-cross-entropy for classify and pretrain-stack (on logits: a
 * final softmax in the model is left out while training), sse for the autoencoders (the lecture's E).
 */
export type ParsedTraining = Omit<TrainingSettings, 'loss'> & { loss: LossName }

export type ParsedExperiment = Omit<ZodExperiment, 'training' | 'model'> & {
  training: ParsedTraining
  /** A preset model name, or the model spec with its defaults filled and every layer named. */
  model: string | ParsedModelSpec
}

export type ExperimentParseResult =
  { ok: true; experiment: ParsedExperiment } | { ok: false; issues: ExperimentIssue[] }

export function defaultLoss(task: Task): LossName {
  return task.kind === 'classify' || task.kind === 'pretrain-stack' ? 'softmax-cross-entropy' : 'sse'
}

export function safeParseExperiment(input: unknown): ExperimentParseResult {
  const result = experimentSpecSchema.safeParse(input)
  if (!result.success) return { ok: false, issues: result.error.issues.map((i) => describe(input, i)) }
  const spec = result.data
  const issues = crossFieldIssues(spec)
  if (issues.length > 0) return { ok: false, issues }
  let model: string | ParsedModelSpec
  if (typeof spec.model === 'string') {
    model = spec.model
  } else {
    const check = checkModelSpec(spec.model)
    if (!check.ok) {
      return {
        ok: false,
        issues: check.error.issues.map((i) => ({
          path: i.path ? `model.${i.path}` : 'model',
          message: `experiment model: ${i.message}`,
        })),
      }
    }
    model = check.spec
  }
  const training: ParsedTraining = { ...spec.training, loss: spec.training.loss ?? defaultLoss(spec.task) }
  return { ok: true, experiment: { ...spec, model, training } }
}

/** Validates an experiment (e.g. JSON.parse of experiment.json) and fills in defaults. */
export function parseExperiment(input: unknown): ParsedExperiment {
  const result = safeParseExperiment(input)
  if (!result.ok) throw new ExperimentSpecError(result.issues)
  return result.experiment
}

// ── stage 2: rules across fields ────────────────────────────────────────────────────────────────

function noiseIssues(where: string, noise: NoiseSettings | undefined): ExperimentIssue[] {
  if (!noise || noise.kind === 'gaussian' || noise.level <= 1) return []
  return [
    {
      path: `${where}.level`,
      message:
        `experiment ${where}.level is the fraction of values corrupted by ${noise.kind} noise and must be ` +
        `in [0, 1], got ${noise.level}`,
    },
  ]
}

function optimizerIssues(where: string, o: OptimizerSettings): ExperimentIssue[] {
  if (o.name !== 'sgd' || !o.nesterov || (o.momentum > 0 && o.dampening === 0)) return []
  return [
    {
      path: `${where}.nesterov`,
      message:
        `experiment ${where}.nesterov needs momentum > 0 and dampening 0, got momentum ${o.momentum} and ` +
        `dampening ${o.dampening}; set a momentum or remove nesterov`,
    },
  ]
}

function dataIssues(spec: ZodExperiment): ExperimentIssue[] {
  const issues: ExperimentIssue[] = []
  const source = spec.data.source
  if (source.kind === 'idx' && (source.testImages === undefined) !== (source.testLabels === undefined)) {
    issues.push({
      path: 'data.source',
      message: 'experiment data.source: give testImages and testLabels together, or neither',
    })
  }
  const explicitTest =
    (source.kind === 'folder' && source.test !== undefined) ||
    (source.kind === 'idx' && source.testImages !== undefined) ||
    (source.kind === 'cifar-binary' && source.testBatch !== undefined)
  if (spec.data.holdout && explicitTest) {
    issues.push({
      path: 'data.holdout',
      message:
        'experiment data.holdout takes the test set out of the training set, but data.source names a ' +
        'test set too; remove one of them',
    })
  }
  return issues
}

function taskIssues(spec: ZodExperiment): ExperimentIssue[] {
  const { task } = spec
  const issues: ExperimentIssue[] = []
  if (task.kind === 'autoencode') {
    if (task.variant === 'denoising' && !task.noise) {
      issues.push({
        path: 'task.noise',
        message:
          'experiment task.noise is missing; a denoising autoencoder needs the corruption, e.g. ' +
          '{"kind": "masking", "level": 0.25}',
      })
    }
    if (task.variant !== 'denoising' && task.noise) {
      issues.push({
        path: 'task.noise',
        message: `experiment task.noise applies only to variant 'denoising', got variant '${task.variant}'`,
      })
    }
    issues.push(...noiseIssues('task.noise', task.noise))
  }
  if (task.kind === 'pretrain-stack') {
    if (task.pretrain.loss === 'softmax-cross-entropy') {
      issues.push({
        path: 'task.pretrain.loss',
        message:
          "experiment task.pretrain.loss 'softmax-cross-entropy' cannot score a reconstruction; each " +
          'pre-training autoencoder reconstructs its input: use sse, mse or binary-cross-entropy',
      })
    }
    issues.push(...noiseIssues('task.pretrain.noise', task.pretrain.noise))
    issues.push(...optimizerIssues('task.pretrain.optimizer', task.pretrain.optimizer))
  }
  const autoencoder = task.kind === 'autoencode' || task.kind === 'per-channel-autoencode'
  if (autoencoder && spec.training.loss === 'softmax-cross-entropy') {
    issues.push({
      path: 'training.loss',
      message:
        `experiment training.loss 'softmax-cross-entropy' compares class scores with one class; an ` +
        `autoencoder reconstructs its input: use sse (the lecture's), mse or binary-cross-entropy`,
    })
  }
  if (task.kind === 'per-channel-autoencode' && new Set(task.channels).size !== task.channels.length) {
    issues.push({
      path: 'task.channels',
      message: `experiment task.channels names a channel twice, got ${JSON.stringify(task.channels)}`,
    })
  }
  if (task.kind === 'per-channel-autoencode' && spec.data.preprocess.colour !== 'rgb') {
    issues.push({
      path: 'data.preprocess.colour',
      message:
        `experiment data.preprocess.colour must be 'rgb' for per-channel-autoencode (one autoencoder ` +
        `per R, G, B channel), got '${spec.data.preprocess.colour}'`,
    })
  }
  return issues
}

function crossFieldIssues(spec: ZodExperiment): ExperimentIssue[] {
  return [
    ...dataIssues(spec),
    ...taskIssues(spec),
    ...optimizerIssues('training.optimizer', spec.training.optimizer),
  ]
}

// ── stage 1: zod issues as sentences ────────────────────────────────────────────────────────────

function pathToString(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

function show(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

function describe(input: unknown, issue: z.core.$ZodIssue): ExperimentIssue {
  const path = pathToString(issue.path)
  const where = path === '' ? 'experiment' : `experiment ${path}`
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ')
    return { path, message: `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}` }
  }
  const value = valueAt(input, issue.path)
  if (value === undefined) return { path, message: `${where} is missing; it ${issue.message}` }
  return { path, message: `${where} ${issue.message}, got ${show(value)}` }
}
