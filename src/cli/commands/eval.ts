import { evaluateRun } from '../../main/services/results'
import type { EvaluationFile } from '../../shared/experiment'
import { flag, intOption, stringOption } from '../args'
import { CliError, EXIT } from '../errors'
import { numpyMatrix } from '../format/matrix'
import { groupDigits, percent, short } from '../format/table'
import { cliResultsContext } from '../runs/results-context'
import { resolveRun } from '../runs/resolve-run'
import type { Command } from './command'

/**
 * `dllab eval RUN`: the run's network on its test set or on a folder, printed as the lecture's
 * Predict() prints it — the confusion matrix ([混合行列], rows the true class) and the correct count
 * (正解数) — or as JSON.
 */
function printStoredPerChannel(evaluation: EvaluationFile | undefined, runId: string, json: boolean): string {
  if (!evaluation) {
    throw new CliError(`run ${runId} has no evaluation.json yet; finish it with \`dllab resume ${runId}\``)
  }
  const channels = Object.entries(evaluation.stages ?? {}).map(([c, s]) => ({
    channel: c,
    meanSse: s.reconstruction?.meanSse ?? null,
    mse: s.reconstruction?.mse ?? null,
  }))
  const overall = evaluation.reconstruction
  if (json) {
    return JSON.stringify(
      { split: evaluation.split, meanSse: overall?.meanSse ?? null, mse: overall?.mse ?? null, channels },
      null,
      2,
    )
  }
  return [
    `Per-channel autoencoders on the ${evaluation.split} set (from evaluation.json):`,
    ...channels.map((c) => `  ${c.channel}: mean SSE ${short(c.meanSse ?? NaN)}, MSE ${short(c.mse ?? NaN)}`),
    ...(overall
      ? [`  recombined colour images: mean SSE ${short(overall.meanSse)}, MSE ${short(overall.mse)}`]
      : []),
  ].join('\n')
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a run: confusion matrix and correct count (正解数), or reconstruction error',
  usage: 'RUN [--data DIR] [--per-class N] [--json]',
  description: `
Runs the trained network of RUN (a run id, 'latest', or a run folder) over its test set — or over the
class folders of DIR, preprocessed as the run's experiment says — and prints, as the lecture's
Predict() does, the confusion matrix (rows: the true class, columns: the prediction) and the correct
count 正解数, then the accuracy. Autoencoders print the reconstruction error (SSE per image).
With --json a classifier prints { accuracy, correct, total, classes, confusion }.`,
  options: {
    data: { type: 'string', value: 'DIR', help: 'evaluate on the class folders of DIR (e.g. mnist/test)' },
    'per-class': {
      type: 'string',
      value: 'N',
      help: "at most N images per class (default: the experiment's test limit)",
    },
    json: { type: 'boolean', help: 'print the numbers as JSON' },
  },
  positionals: { min: 1, max: 1, names: "RUN (a run id, 'latest' or a run folder)" },
  examples: ['dllab eval latest', 'dllab eval 20251127-200850123-3f9a0c --data mnist/test --json'],
  async run(args, ctx) {
    const json = flag(args, 'json')
    const dataDir = stringOption(args, 'data')
    const perClass = intOption('eval', args, 'per-class', { min: 1 })
    const { run, store } = await resolveRun(ctx, args, args.positionals[0]!)
    const experiment = await run.readExperiment()
    if (experiment.task.kind === 'per-channel-autoencode') {
      if (dataDir !== undefined) {
        throw new CliError(
          'eval --data is not available for per-channel-autoencode runs; `dllab figures` draws them',
        )
      }
      ctx.out(printStoredPerChannel(await run.readEvaluation(), run.id, json))
      return EXIT.ok
    }
    const result = await evaluateRun(cliResultsContext(ctx, store.workspace), run, {
      ...(dataDir !== undefined ? { dataDir: ctx.path(dataDir) } : {}),
      ...(perClass !== undefined ? { perClass } : {}),
    })
    const { set, classification: c, reconstruction: r } = result
    const trainedOn = (await run.readEvaluation())?.classification?.classes
    if (c && trainedOn && trainedOn.join('\n') !== c.classes.join('\n')) {
      ctx.warn(
        `the classes of ${set.label} (${c.classes.join(', ')}) are not the run's (${trainedOn.join(', ')}); ` +
          'rows and columns follow the folder names in natural order',
      )
    }
    if (set.skipped > 0)
      ctx.warn(`${set.skipped} unreadable file${set.skipped > 1 ? 's were' : ' was'} skipped`)
    if (json) {
      const body = c
        ? {
            accuracy: c.accuracy,
            correct: c.correct,
            total: c.total,
            classes: c.classes,
            confusion: c.confusion,
          }
        : {
            samples: r!.samples,
            features: r!.features,
            totalSse: r!.totalSse,
            meanSse: r!.meanSse,
            mse: r!.mse,
          }
      ctx.out(JSON.stringify(body, null, 2))
      return EXIT.ok
    }
    const header =
      `Run ${run.id} (${result.net.weightsFrom}) on ${set.label}: ` +
      `${groupDigits(set.labels.length)} images, ${set.classes.length} classes`
    ctx.out(header)
    if (c) {
      const named = c.classes.some((name, i) => name !== String(i))
      if (named) ctx.out(`classes: ${c.classes.map((name, i) => `${i}=${name}`).join(' ')}`)
      ctx.out(`\n [混合行列]\n${numpyMatrix(c.confusion)}\n\n 正解数 -> ${c.correct}\n`)
      ctx.out(`accuracy ${percent(c.accuracy)} (${c.correct} / ${c.total})`)
    } else {
      ctx.out(
        `reconstruction error per image (SSE, Σ (y − x)²): mean ${short(r!.meanSse)}, ` +
          `min ${short(r!.minSse)}, max ${short(r!.maxSse)}; MSE per value ${short(r!.mse)}`,
      )
    }
    return EXIT.ok
  },
}
