import { inferShapes, type ParsedModelSpec, type StateDict } from '../../engine'
import type { ParsedExperiment } from '../../shared/experiment'
import { buildConvFilterTilesSvg, buildDenseWeightTilesSvg, type Fingerprint } from '../../shared/figures'
import type { NamedFigure } from '../../main/services/figures'

/**
 * The first layer's weights as pictures: dense weights W (inputs × units), each unit's column reshaped
 * to the input image (the lecture's hunit-weight.png, at most 10 × 10 units), or the first convolution's
 * filters. `prefix` selects one channel's network in a per-channel run ("R." keys).
 */
export interface ImageShape {
  channels: number
  height: number
  width: number
}

/** The image a flat input of `features` values was made from, when the experiment says. */
export function inputImage(model: ParsedModelSpec, experiment: ParsedExperiment): ImageShape | undefined {
  const input = model.input
  if ('channels' in input) return { channels: input.channels, height: input.height, width: input.width }
  const perChannel = experiment.task.kind === 'per-channel-autoencode'
  const channels = perChannel || experiment.data.preprocess.colour === 'grey' ? 1 : 3
  const size = experiment.data.preprocess.size ?? Math.round(Math.sqrt(input.features / channels))
  return channels * size * size === input.features ? { channels, height: size, width: size } : undefined
}

export function weightFigures(
  model: ParsedModelSpec,
  experiment: ParsedExperiment,
  weights: Readonly<StateDict>,
  fingerprint: Fingerprint,
  prefix = '',
): NamedFigure[] {
  const first = inferShapes(model).layers.find((l) => l.parameters > 0)
  const w = first && weights[`${prefix}${first.name}.W`]
  if (!first || !w) return []
  const name = `weights-${prefix.replace(/\.$/, '-')}${first.name}`
  const title = `${prefix ? `${prefix.replace(/\.$/, '')}: ` : ''}weights of ${first.name}`
  if (first.type === 'dense') {
    const image = inputImage(model, experiment)
    if (!image) return []
    const [inputs, units] = w.shape as [number, number]
    return [
      {
        name,
        svg: buildDenseWeightTilesSvg({
          weights: w.data,
          inputs,
          units,
          image,
          limit: 100,
          title,
          fingerprint,
        }),
      },
    ]
  }
  const spec = model.layers[first.index]
  if (spec?.type === 'conv2d') {
    const [kh, kw] = typeof spec.kernel === 'number' ? [spec.kernel, spec.kernel] : spec.kernel
    const svg = buildConvFilterTilesSvg({
      weights: w.data,
      filters: spec.filters,
      channels: first.inputShape[0]!,
      kernelHeight: kh,
      kernelWidth: kw,
      limit: 100,
      title,
      fingerprint,
    })
    return [{ name, svg }]
  }
  return []
}
