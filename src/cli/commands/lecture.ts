import { exportLectureRun, importLectureRun } from '../../main/services/lecture-interop'
import { flag, stringOption } from '../args'
import { EXIT } from '../errors'
import { resolveRun } from '../runs/resolve-run'
import { absoluteData } from '../../main/services/results'
import { loadExperimentTarget } from '../targets'
import type { Command } from './command'

/**
 * The lecture's weight files: `dllab import-lecture DAT_DIR` turns the dat/BP-*.npz written by the
 * lecture's DL.py (or AE.py) into a run; `dllab export-lecture RUN DIR` writes a run's weights in that
 * layout so the lecture's Predict() loads them.
 */
export const importLectureCommand: Command = {
  name: 'import-lecture',
  summary: 'make a run of the weights the lecture’s DL.py saved (dat/BP-hunit1.npz … BP-out.npz)',
  usage: 'DAT_DIR [--preset lecture-dl] [--name NAME]',
  description: `
Reads the weight files the lecture's program writes into its dat folder — for DL.py (preset
lecture-dl) BP-hunit1.npz … BP-hunit6.npz and BP-out.npz, for AE.py (lecture-ae-32, lecture-ae-100)
BP-hunit.npz and BP-out.npz; each np.savez(file, w=W, b=b) — checks every shape against the preset's
network, and creates a finished run holding them (weights.npz) with the preset's experiment. Evaluate
it with \`dllab eval RUN\` (the same confusion matrix as the lecture's Predict() on the same images)
or draw it with \`dllab figures RUN\`.`,
  options: {
    preset: {
      type: 'string',
      value: 'PRESET',
      help: 'the preset (or experiment file) the weights were trained with (default lecture-dl)',
    },
    name: { type: 'string', value: 'NAME', help: 'the new run’s name' },
  },
  positionals: { min: 1, max: 1, names: "DAT_DIR (the lecture program's dat folder)" },
  examples: [
    'dllab import-lecture dat --preset lecture-dl',
    'dllab import-lecture dat --preset lecture-ae-32',
  ],
  async run(args, ctx) {
    const datDir = ctx.path(args.positionals[0]!)
    const target = await loadExperimentTarget(ctx, stringOption(args, 'preset') ?? 'lecture-dl')
    const store = await ctx.runStore(args)
    const name = stringOption(args, 'name')
    const { run, files } = await importLectureRun({
      store,
      datDir,
      experiment: absoluteData(target.experiment, target.baseDir),
      model: target.model,
      ...(name !== undefined ? { name } : {}),
    })
    ctx.out(`Imported ${files.join(', ')} from ${datDir}`)
    ctx.out(`into run ${run.id} (${run.dir}).`)
    ctx.out(`Evaluate it: dllab eval ${run.id}    Draw it: dllab figures ${run.id}`)
    return EXIT.ok
  },
}

export const exportLectureCommand: Command = {
  name: 'export-lecture',
  summary: 'write a run’s weights as the lecture’s dat/BP-*.npz, for its Predict()',
  usage: 'RUN DIR [--overwrite]',
  description: `
Writes the weights of RUN (a run id, 'latest' or a run folder) into DIR in the layout of the lecture's
program: one np.savez(file, w=W, b=b) per layer, float64, W of shape (inputs, units) — BP-hunit1.npz …
BP-hunit6.npz and BP-out.npz for the lecture-dl network (BP-hunit.npz and BP-out.npz for AE.py's).
Run the lecture's program with DIR as its dat folder and \`p\` to predict with them. Only networks of
dense layers can be written this way. Existing BP files are replaced only with --overwrite.`,
  options: {
    overwrite: { type: 'boolean', help: 'replace BP-*.npz files already in DIR (nothing else is touched)' },
  },
  positionals: { min: 2, max: 2, names: 'RUN and DIR' },
  examples: ['dllab export-lecture latest dat'],
  async run(args, ctx) {
    const { run } = await resolveRun(ctx, args, args.positionals[0]!)
    const datDir = ctx.path(args.positionals[1]!)
    const model = await ctx.modelOf(await run.readExperiment())
    const paths = await exportLectureRun({ run, model, datDir, overwrite: flag(args, 'overwrite') })
    ctx.out(
      `Wrote ${paths.length} files (float64) to ${datDir}: ${paths.map((p) => p.slice(datDir.length + 1)).join(', ')}`,
    )
    return EXIT.ok
  },
}
