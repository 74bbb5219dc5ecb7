import { inferShapes, type ParsedModelSpec, type StateDict } from '../../../../engine'
import type { ParsedExperiment } from '../../../../shared/experiment'
import {
  buildConvFilterTilesSvg,
  buildDenseWeightTilesSvg,
  type FigureText,
  type Fingerprint,
} from '../../../../shared/figures'
import type { RunFigure } from '../../../../shared/ipc/lab-types'
import { nestedRows, plainNumbers, toCsv } from './figure-numbers'

/**
 * The first layer's weights as pictures: dense weights W (inputs × units), each unit's column reshaped
 * to the input image (the lecture's hunit-weight.png, at most 10 × 10 units), or the first convolution's
 * filters. `prefix` selects one channel's network in a per-channel run ("R." keys). Tiles are
 * normalised each on its own range ('tile', as matplotlib's imshow per subplot) or on one range for
 * all ('global', so their strengths compare). The numbers: the weight matrix as stored, one CSV row
 * per matrix row (dense: an input, conv: a filter).
 */
export interface ImageShape {
  channels: number
  height: number
  width: number
}

export type TileNormalisation = 'tile' | 'global'

/** The image a flat input of `features` values was made from, when the experiment says. */
export function inputImage(model: ParsedModelSpec, experiment: ParsedExperiment): ImageShape | undefined {
  const input = model.input
  if ('channels' in input) return { channels: input.channels, height: input.height, width: input.width }
  const perChannel = experiment.task.kind === 'per-channel-autoencode'
  const channels = perChannel || experiment.data.preprocess.colour === 'grey' ? 1 : 3
  const size = experiment.data.preprocess.size ?? Math.round(Math.sqrt(input.features / channels))
  return channels * size * size === input.features ? { channels, height: size, width: size } : undefined
}

function weightNumbers(
  parameter: string,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  rowName: string,
  layout: string,
): { csv: string; json: unknown } {
  const plain = plainNumbers(values)
  const matrix = nestedRows(plain, rows, cols)
  return {
    csv: toCsv(
      [rowName, ...Array.from({ length: cols }, (_, c) => `${c}`)],
      matrix.map((row, r) => [r, ...row]),
    ),
    json: { parameter, shape: [rows, cols], layout, values: matrix },
  }
}

export function weightFigures(
  model: ParsedModelSpec,
  experiment: ParsedExperiment,
  weights: Readonly<StateDict>,
  fingerprint: Fingerprint,
  words: FigureText,
  prefix = '',
  normalisation: TileNormalisation = 'tile',
): RunFigure[] {
  const first = inferShapes(model).layers.find((l) => l.parameters > 0)
  const parameter = first && `${prefix}${first.name}.W`
  const w = parameter && weights[parameter]
  if (!first || !parameter || !w) return []
  const name = `weights-${prefix.replace(/\.$/, '-')}${first.name}`
  const title = words.weightsTitle(first.name, prefix.replace(/\.$/, ''))
  if (first.type === 'dense') {
    const image = inputImage(model, experiment)
    if (!image) return []
    const [inputs, units] = w.shape as [number, number]
    const svg = buildDenseWeightTilesSvg({
      weights: w.data,
      inputs,
      units,
      image,
      limit: 100,
      title,
      fingerprint,
      normalisation,
    })
    const layout = `W (inputs × units); tile j is column j reshaped to (${image.channels}, ${image.height}, ${image.width})`
    return [{ name, title, svg, ...weightNumbers(parameter, w.data, inputs, units, 'input', layout) }]
  }
  const spec = model.layers[first.index]
  if (spec?.type === 'conv2d') {
    const [kh, kw] = typeof spec.kernel === 'number' ? [spec.kernel, spec.kernel] : spec.kernel
    const channels = first.inputShape[0]!
    const svg = buildConvFilterTilesSvg({
      weights: w.data,
      filters: spec.filters,
      channels,
      kernelHeight: kh,
      kernelWidth: kw,
      limit: 100,
      title,
      fingerprint,
      normalisation,
    })
    const layout = `F (filters × C·KH·KW) = (${spec.filters}, ${channels}, ${kh}, ${kw}) flattened`
    const cols = channels * kh * kw
    return [{ name, title, svg, ...weightNumbers(parameter, w.data, spec.filters, cols, 'filter', layout) }]
  }
  return []
}
