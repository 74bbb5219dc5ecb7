import { type Layer, Tensor } from '../../../engine'
import { buildFeatureMapsSvg, type FigureText, type Fingerprint, figureText } from '../../../shared/figures'
import type { FeatureMapsView } from '../../../shared/ipc/lab-types'
import type { LoadedRun } from './loaded-runs'

/**
 * The feature maps (特徴マップ) of one sample: the sample goes through the network in inference mode,
 * and every layer whose output is spatial, (C, Y, X) per sample (convolutions, their activations,
 * pooling), is drawn as one grey tile per channel (per-tile contrast), at most MAX_MAPS channels.
 */
export const MAX_MAPS = 64

export interface LayerPass {
  layer: Layer
  /** The layer's input and output for the one sample, copied: (…inputShape), (…outputShape). */
  input: Float32Array
  output: Float32Array
}

/** One sample through the layers, stopping after `until` returns true for a layer (default: all). */
export function forwardSample(
  run: LoadedRun,
  index: number,
  until: (layer: Layer) => boolean = () => false,
): LayerPass[] {
  const { network } = run.net
  const size = run.set.sampleShape.reduce((a, b) => a * b, 1)
  let t = network.view(
    new Tensor(run.set.x.slice(index * size, (index + 1) * size), [1, ...run.set.sampleShape]),
  )
  const passes: LayerPass[] = []
  for (const layer of network.layers) {
    const input = t.data.slice()
    t = layer.forward(t, { training: false })
    // Layers may reuse their output buffers on the next forward: keep copies.
    passes.push({ layer, input, output: t.data.slice() })
    if (until(layer)) break
  }
  return passes
}

export function featureMapLayers(
  run: LoadedRun,
  index: number,
  fingerprint: Fingerprint,
  words: FigureText = figureText(),
): FeatureMapsView['layers'] {
  return forwardSample(run, index).flatMap(({ layer, output }) => {
    // The input-noise layer of a denoising autoencoder is the identity when not training: no maps.
    if (layer.outputShape.length !== 3 || layer.type === 'noise') return []
    const [channels, height, width] = layer.outputShape as [number, number, number]
    const limit = Math.min(channels, MAX_MAPS)
    const svg = buildFeatureMapsSvg({
      title: words.layerMapsTitle(layer.name, index),
      caption: words.layerMapsCaption(layer.type, [channels, height, width], limit),
      maps: output,
      channels,
      height,
      width,
      limit,
      fingerprint,
    })
    return [{ name: layer.name, type: layer.type, shape: [channels, height, width], svg }]
  })
}
