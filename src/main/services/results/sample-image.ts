import type { ParsedModelSpec } from '../../../engine'
import type { ParsedExperiment } from '../../../shared/experiment'
import { base64, gridRanges, type ImagePlane, type Normalisation, planeToPng } from '../../../shared/figures'
import { normalisationFor } from './figures/sample-figures'
import { inputImage } from './figures/weight-figures'
import type { EvalSet } from './run-data'

/**
 * One sample of a set drawn as the network sees it, a PNG data: URL at its own size: (C, Y, X)
 * samples as they are, flat (features) samples reshaped to the image they were made from (or one row
 * when there is none). Values map to grey levels over the experiment's scale ([0, 1], [0, 255]) or,
 * for unit-sum data, over the image's own min–max.
 */
export interface SampleDrawing {
  channels: 1 | 3
  height: number
  width: number
  normalisation: Normalisation
}

export function sampleDrawing(
  set: EvalSet,
  model: ParsedModelSpec,
  experiment: ParsedExperiment,
): SampleDrawing {
  const normalisation = normalisationFor(experiment)
  const shape = set.sampleShape
  if (shape.length === 3 && (shape[0] === 1 || shape[0] === 3)) {
    return { channels: shape[0], height: shape[1]!, width: shape[2]!, normalisation }
  }
  const size = shape.reduce((a, b) => a * b, 1)
  const image = inputImage(model, experiment)
  if (image && (image.channels === 1 || image.channels === 3)) {
    if (image.channels * image.height * image.width === size) {
      return { channels: image.channels, height: image.height, width: image.width, normalisation }
    }
  }
  return { channels: 1, height: 1, width: size, normalisation }
}

export function sampleImageUrl(set: EvalSet, index: number, drawing: SampleDrawing): string {
  const size = drawing.channels * drawing.height * drawing.width
  const plane: ImagePlane = {
    channels: drawing.channels,
    height: drawing.height,
    width: drawing.width,
    data: set.x.subarray(index * size, (index + 1) * size),
  }
  const range = gridRanges([[plane]], drawing.normalisation)[0]![0]!
  return `data:image/png;base64,${base64(planeToPng(plane, range))}`
}
