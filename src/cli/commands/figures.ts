import { writeFigures, type FigureFormat } from '../../main/services/figures'
import { buildRunFigures } from '../../main/services/results'
import { FIGURE_LANGUAGES } from '../../shared/figures'
import { choiceOption, stringOption } from '../args'
import { EXIT } from '../errors'
import { cliResultsContext } from '../runs/results-context'
import { resolveRun } from '../runs/resolve-run'
import type { Command } from './command'

/** `dllab figures RUN`: the report figures of a run as SVG and PNG files. */
export const figuresCommand: Command = {
  name: 'figures',
  summary: 'write a run’s figures: loss curves, confusion matrix, weight tiles, reconstructions',
  usage: 'RUN [--out DIR] [--format png|svg] [--lang en|ja]',
  description: `
Writes the figures of RUN (a run id, 'latest' or a run folder) that its task allows, each as SVG and
PNG (or only the --format given), into the run's figures/ folder or DIR: loss.* and accuracy.* (per
epoch, training and test), confusion-matrix.* (classifiers), weights-<layer>.* (the first layer's
weights or filters as tiles, as the lecture's hunit-weight.png), reconstructions.* (autoencoders:
original | reconstruction, with the noisy input for denoising), recombined.* (the per-channel
homework) and feature-maps-<layer>.* (convolutional networks). Each carries the run id and seed.
Titles, axes and legends are in English, or in Japanese with --lang ja (the lecture's terms: 誤差,
精度, 混合行列, 重み, 再構成, 特徴マップ); the app's Results view shows the same SVG for its language.`,
  options: {
    out: { type: 'string', value: 'DIR', help: "write into DIR (default: the run's figures/ folder)" },
    format: { type: 'string', value: 'png|svg', help: 'write only this format (default both)' },
    lang: { type: 'string', value: 'en|ja', help: 'the language of the figures’ text (default en)' },
  },
  positionals: { min: 1, max: 1, names: "RUN (a run id, 'latest' or a run folder)" },
  examples: [
    'dllab figures latest',
    'dllab figures latest --out report --format png',
    'dllab figures latest --lang ja',
  ],
  async run(args, ctx) {
    const format = choiceOption('figures', args, 'format', ['png', 'svg'] as const)
    const language = choiceOption('figures', args, 'lang', FIGURE_LANGUAGES) ?? 'en'
    const { run, store } = await resolveRun(ctx, args, args.positionals[0]!)
    const out = stringOption(args, 'out')
    const dir = out !== undefined ? ctx.path(out) : run.figuresDir
    const { figures, notes } = await buildRunFigures(cliResultsContext(ctx, store.workspace), run, {
      language,
    })
    const formats: FigureFormat[] = format ? [format] : ['svg', 'png']
    const paths = await writeFigures(dir, figures, { formats })
    for (const note of notes) ctx.warn(note)
    ctx.out(`Wrote ${paths.length} files to ${dir}:`)
    for (const p of paths) ctx.out(`  ${p.slice(dir.length + 1)}`)
    return EXIT.ok
  },
}
