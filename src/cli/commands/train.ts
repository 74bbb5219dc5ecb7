import { parseExperiment, type ParsedExperiment } from '../../shared/experiment'
import { intOption, type ParsedArgs, stringOption } from '../args'
import type { CliContext } from '../context'
import { UsageError } from '../errors'
import { resolveRun } from '../runs/resolve-run'
import { absoluteData } from '../../main/services/results'
import { loadExperimentTarget } from '../targets'
import { supervisorTrainer } from '../training/supervisor-trainer'
import { watchRun } from '../training/watch-run'
import type { Command } from './command'

/**
 * `dllab train EXPERIMENT|PRESET` and `dllab resume RUN`: training in a worker process under the
 * supervisor, with a progress bar; Ctrl-C checkpoints and stops.
 */
function withOverrides(ctx: CliContext, args: ParsedArgs, experiment: ParsedExperiment): ParsedExperiment {
  const data = stringOption(args, 'data')
  const test = stringOption(args, 'test')
  const epochs = intOption('train', args, 'epochs', { min: 1 })
  const seed = intOption('train', args, 'seed', { min: 0, max: 0xffffffff })
  const perClass = intOption('train', args, 'per-class', { min: 1 })
  const out = structuredClone(experiment) as ParsedExperiment & Record<string, unknown>
  if (data !== undefined) {
    out.data = {
      ...out.data,
      source: { kind: 'folder', train: ctx.path(data), ...(test ? { test: ctx.path(test) } : {}) },
    }
    if (test !== undefined) delete out.data.holdout
  } else if (test !== undefined) {
    if (out.data.source.kind !== 'folder') {
      throw new UsageError(
        `--test replaces the test folder of class-folder data; this experiment reads ` +
          `${out.data.source.kind} data, so give --data DIR too`,
        'train',
      )
    }
    out.data = { ...out.data, source: { ...out.data.source, test: ctx.path(test) } }
    delete out.data.holdout
  }
  if (perClass !== undefined) out.data = { ...out.data, perClassLimit: perClass, testPerClassLimit: perClass }
  if (epochs !== undefined) out.training = { ...out.training, epochs }
  if (seed !== undefined) out.training = { ...out.training, seed }
  return parseExperiment(out)
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an experiment or preset, with a progress bar (Ctrl-C checkpoints and stops)',
  usage: 'EXPERIMENT|PRESET [--data DIR] [--test DIR] [--epochs N] [--seed N] [--per-class N] [--name NAME]',
  description: `
Creates a run in the workspace (runs/<id>/: experiment.json, metrics.jsonl, checkpoints/, weights.npz,
evaluation.json) and trains it in a worker process, showing epoch, loss, accuracy, samples/s and the
time left. EXPERIMENT is an experiment file (dllab.experiment/1; its relative data paths are relative
to the file), PRESET a preset name (\`dllab presets\`). --data and --test train on class folders
instead (DIR/<class>/<images>, e.g. the lecture's mnist/train and mnist/test). Ctrl-C writes a
checkpoint and stops; \`dllab resume RUN\` continues to exactly the weights an uninterrupted run
reaches. A second Ctrl-C stops at once.`,
  options: {
    data: { type: 'string', value: 'DIR', help: 'train on the class folders of DIR' },
    test: { type: 'string', value: 'DIR', help: 'test on the class folders of DIR' },
    epochs: { type: 'string', value: 'N', help: 'train N epochs' },
    seed: { type: 'string', value: 'N', help: 'the random seed (weights, sampling, noise)' },
    'per-class': { type: 'string', value: 'N', help: 'at most N images per class, for training and test' },
    name: { type: 'string', value: 'NAME', help: 'the run’s name (default: the experiment’s)' },
  },
  positionals: { min: 1, max: 1, names: 'EXPERIMENT|PRESET (an experiment file or a preset name)' },
  examples: [
    'dllab train lenet5',
    'dllab train lecture-dl --data mnist/train --test mnist/test --seed 3',
    'dllab train my-experiment.json --epochs 5',
  ],
  async run(args, ctx) {
    const target = await loadExperimentTarget(ctx, args.positionals[0]!)
    const experiment = withOverrides(ctx, args, absoluteData(target.experiment, target.baseDir))
    const workspace = await ctx.workspace(args)
    const name = stringOption(args, 'name')
    const trainer = supervisorTrainer(ctx, workspace)
    return watchRun(ctx, trainer, workspace, () =>
      trainer.start(experiment, name !== undefined ? { name } : {}),
    )
  },
}

export const resumeCommand: Command = {
  name: 'resume',
  summary: 'continue a stopped, cancelled or failed run from its last checkpoint',
  usage: 'RUN',
  description: `
Continues RUN (a run id, 'latest' or a run folder) from its latest checkpoint — or from the start if
it has none — with the same progress bar as \`dllab train\`. A run resumed this way ends with
weights identical to those of an uninterrupted run with the same seed.`,
  options: {},
  positionals: { min: 1, max: 1, names: "RUN (a run id, 'latest' or a run folder)" },
  examples: ['dllab resume latest'],
  async run(args, ctx) {
    const { run, store } = await resolveRun(ctx, args, args.positionals[0]!)
    const trainer = supervisorTrainer(ctx, store.workspace)
    return watchRun(ctx, trainer, store.workspace, () => trainer.resume(run.id))
  },
}
