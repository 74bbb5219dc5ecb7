import { inferShapes } from '../../engine'
import type { Preset } from '../../shared/experiment'
import { CliError, EXIT } from '../errors'
import { formatTable, groupDigits } from '../format/table'
import type { Command } from './command'

/** `dllab presets [NAME]`: the lecture's experiments and more, shipped with DL Lab. */
function taskText(preset: Preset): string {
  const task = preset.experiment.task
  return task.kind === 'autoencode' ? `autoencode (${task.variant})` : task.kind
}

function dataText(preset: Preset): string {
  const { source, preprocess, perClassLimit } = preset.experiment.data
  const where = source.kind === 'folder' ? source.train : source.kind
  const size = preprocess.size ? `${preprocess.size}×${preprocess.size}` : 'own size'
  return `${where}, ${preprocess.colour} ${size}${perClassLimit ? `, ${perClassLimit}/class` : ''}`
}

export const presetsCommand: Command = {
  name: 'presets',
  summary: 'list the preset experiments (the lecture’s programs and more)',
  usage: '[NAME]',
  description: `
Lists the preset experiments: their task, data, model size and epochs. With a NAME, prints that
preset's description and its experiment spec (JSON), a starting point for your own experiment file.`,
  options: {},
  positionals: { min: 0, max: 1, names: 'NAME' },
  examples: ['dllab presets', 'dllab presets lecture-dl > my-experiment.json'],
  async run(args, ctx) {
    const catalog = await ctx.presets()
    const name = args.positionals[0]
    if (name !== undefined) {
      const preset = catalog.presets.get(name)
      if (!preset) {
        throw new CliError(
          `no preset named '${name}'; the presets are ${[...catalog.presets.keys()].join(', ')}`,
        )
      }
      ctx.io.stderr.write(`${preset.name}: ${preset.description}\n\n`)
      ctx.out(JSON.stringify(preset.experiment, null, 2))
      return EXIT.ok
    }
    const rows = [...catalog.presets.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => [
        p.name,
        taskText(p),
        groupDigits(inferShapes(p.model).totalParameters),
        dataText(p),
        String(p.experiment.training.epochs),
      ])
    ctx.out(
      formatTable(
        [
          { header: 'Preset' },
          { header: 'Task' },
          { header: 'Parameters', align: 'right' },
          { header: 'Data' },
          { header: 'Epochs', align: 'right' },
        ],
        rows,
      ),
    )
    ctx.out(
      '`dllab presets NAME` describes one; `dllab inspect NAME` shows its layers; `dllab train NAME` trains it.',
    )
    return EXIT.ok
  },
}
