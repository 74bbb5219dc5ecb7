import { analyzeModelSpec, type LayerShapeInfo, type ParsedLayerSpec, type Shape } from '../../engine'
import { EXIT } from '../errors'
import { formatTable, groupDigits } from '../format/table'
import { loadModelTarget } from '../targets'
import type { Command } from './command'

/**
 * `dllab inspect SPEC|PRESET`: every layer's output shape (B, C, Y, X) and parameter count, as the
 * lecture's VGG table writes them; an invalid spec fails with the engine's message (the layer, the
 * formula and the numbers).
 */
const shapeText = (shape: Shape): string => `(B, ${shape.join(', ')})`

const axes = (v: number | readonly number[]): string => (typeof v === 'number' ? `${v}×${v}` : v.join('×'))
const single = (v: number | readonly number[]): string => (typeof v === 'number' ? String(v) : v.join(','))

function detail(layer: ParsedLayerSpec, info: LayerShapeInfo): string {
  const act = info.activation ? `, ${info.activation}` : ''
  switch (layer.type) {
    case 'dense':
      return `${layer.units} units${act}`
    case 'conv2d': {
      const c = info.inputShape[0]
      const k = typeof layer.kernel === 'number' ? [layer.kernel, layer.kernel] : layer.kernel
      return `(${layer.filters}, ${c}, ${k.join(', ')}) stride ${single(layer.stride)} pad ${single(layer.padding)}${act}`
    }
    case 'pool2d':
      return `${layer.mode}${layer.mode === 'lp' ? ` p=${layer.p}` : ''} ${axes(layer.size)} stride ${single(layer.stride)}`
    case 'activation':
      return layer.activation
    case 'dropout':
      return `rate ${layer.rate}`
    case 'noise':
      return `${layer.kind} ${layer.level}`
    case 'tied-dense':
      return `Wᵗ of ${layer.tiedTo}${act}`
    case 'unit-sum':
      return `${layer.mode}, backward ${layer.backward}`
    case 'reshape':
    case 'flatten':
      return ''
  }
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show a model’s layers: output shapes (B, C, Y, X) and parameter counts',
  usage: 'SPEC|PRESET',
  description: `
Prints each layer of a model with its output shape (B, C, Y, X) — B the batch size — and its
parameter count, and the total. SPEC is a model spec file (dllab.model/1), an experiment file (its
model), or a preset or preset model name. An invalid spec is reported with the layer, the formula
and the numbers.`,
  options: {},
  positionals: { min: 1, max: 1, names: 'SPEC|PRESET (a model spec file or a preset name)' },
  examples: ['dllab inspect vgg16', 'dllab inspect my-model.json'],
  async run(args, ctx) {
    const { spec, label } = await loadModelTarget(ctx, args.positionals[0]!)
    const { spec: parsed, summary } = analyzeModelSpec(spec)
    const rows = [
      ['', 'input', '', '', shapeText(summary.inputShape), ''],
      ...summary.layers.map((info, i) => [
        String(i + 1),
        info.name,
        info.type,
        detail(parsed.layers[i]!, info),
        shapeText(info.outputShape),
        info.parameters > 0 ? groupDigits(info.parameters) : '0',
      ]),
    ]
    ctx.out(`${summary.name ? `${summary.name} — ` : ''}${label}\n`)
    ctx.out(
      formatTable(
        [
          { header: '#', align: 'right' },
          { header: 'Layer' },
          { header: 'Type' },
          { header: 'Settings' },
          { header: 'Output (B, C, Y, X)' },
          { header: 'Parameters', align: 'right' },
        ],
        rows,
      ),
    )
    ctx.out(`Total parameters: ${groupDigits(summary.totalParameters)}`)
    return EXIT.ok
  },
}
