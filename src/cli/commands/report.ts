import { appName } from '../../main/app-info'
import { languages } from '../../shared/languages'
import { buildRunReport, writeReportFolder } from '../../main/services/report'
import { choiceOption, stringOption } from '../args'
import { EXIT } from '../errors'
import { cliResultsContext } from '../runs/results-context'
import { resolveRun } from '../runs/resolve-run'
import type { Command } from './command'

/** `dllab report RUN`: the run report the app exports, as an HTML folder. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'write a run’s report (settings, model, curves, evaluation, figures) as an HTML folder',
  usage: 'RUN [--out DIR] [--lang en|ja]',
  description: `
Writes the report of RUN (a run id, 'latest' or a run folder) into DIR (default: the working folder)
as <run name>-report/: index.html, one standalone page with the settings, the model's layers with
their shapes and parameters, the training curves, the evaluation (accuracy, 正解数, per-class
precision and recall) and every figure; and figures/, the figures as SVG and PNG (as \`dllab figures\`
writes them). Print the page from a browser for a PDF (A4).`,
  options: {
    out: { type: 'string', value: 'DIR', help: 'write into DIR (default: the working folder)' },
    lang: { type: 'string', value: 'en|ja', help: 'the report’s language (default en)' },
  },
  positionals: { min: 1, max: 1, names: "RUN (a run id, 'latest' or a run folder)" },
  examples: ['dllab report latest', 'dllab report latest --out reports --lang ja'],
  async run(args, ctx) {
    const language = choiceOption('report', args, 'lang', languages) ?? 'en'
    const { run, store } = await resolveRun(ctx, args, args.positionals[0]!)
    const report = await buildRunReport({
      run,
      results: cliResultsContext(ctx, store.workspace),
      app: { name: appName, version: ctx.version },
      language,
    })
    for (const note of report.notes) ctx.warn(note)
    const folder = await writeReportFolder(ctx.path(stringOption(args, 'out') ?? '.'), report)
    ctx.out(`Wrote the report of run ${run.id} to ${folder}`)
    return EXIT.ok
  },
}
