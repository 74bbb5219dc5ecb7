import { npzToStateDict, type ParsedModelSpec, Tensor } from '../../../../engine'
import { channelNames, type ParsedExperiment } from '../../../../shared/experiment'
import {
  buildFeatureMapsSvg,
  buildRecombinationSvg,
  buildReconstructionSvg,
  type FigureText,
  type Fingerprint,
  type ImagePlane,
  type Normalisation,
} from '../../../../shared/figures'
import type { RunFigure } from '../../../../shared/ipc/lab-types'
import { networkForExperiment, type TaskNetwork } from '../../../../worker/training'
import type { RunFolder } from '../../runs'
import type { EvalSet } from '../run-data'
import { type CsvValue, nestedRows, plainNumbers, toCsv } from './figure-numbers'

/**
 * Figures of the first test images passing through the network: original | reconstruction pairs of
 * an autoencoder (the lecture's decode-i-j-result.png; clean | noisy | reconstruction for a denoising
 * one), the homework's input | R | G | B | recombined rows, and a convolutional classifier's feature
 * maps of the first convolution for one image. The numbers: every value drawn, a CSV row per image
 * and kind (values in the sample's (C, Y, X) order).
 */
export const SAMPLES = 8

export function normalisationFor(experiment: ParsedExperiment): Normalisation {
  switch (experiment.data.preprocess.scale) {
    case 'unit':
      return { min: 0, max: 1 }
    case 'none':
      return { min: 0, max: 255 }
    case 'unit-sum':
      return 'row'
  }
}

/**
 * SAMPLES test images spread evenly over the set (index i·N/SAMPLES): sets are stored class by class,
 * so the rows show several classes, not only the first one's images.
 */
function firstSamples(set: EvalSet): { x: Tensor; count: number; size: number; indices: number[] } {
  const size = set.sampleShape.reduce((a, b) => a * b, 1)
  const total = set.labels.length
  const count = Math.min(SAMPLES, total)
  const indices = Array.from({ length: count }, (_, i) => Math.floor((i * total) / count))
  const data = new Float32Array(count * size)
  indices.forEach((index, row) => data.set(set.x.subarray(index * size, (index + 1) * size), row * size))
  return { x: new Tensor(data, [count, ...set.sampleShape]), count, size, indices }
}

/** Image planes of `count` samples of a (C, H, W) or square (features) shape; [] when not an image. */
export function planes(data: Float32Array, count: number, shape: readonly number[]): ImagePlane[] {
  const [c, h, w] =
    shape.length === 3 ? (shape as [number, number, number]) : [1, Math.sqrt(shape[0]!), Math.sqrt(shape[0]!)]
  if ((c !== 1 && c !== 3) || !Number.isInteger(h) || !Number.isInteger(w)) return []
  const size = c * h * w
  return Array.from({ length: count }, (_, i) => ({
    channels: c as 1 | 3,
    height: h,
    width: w,
    data: data.subarray(i * size, (i + 1) * size),
  }))
}

/** Rows (image, class, kind, values…) for CSV and { index, label, [kind]: values } for JSON. */
function sampleNumbers(
  set: EvalSet,
  indices: readonly number[],
  kinds: Record<string, readonly ArrayLike<number>[]>,
): { csv: string; json: unknown } {
  const names = Object.keys(kinds)
  const size = kinds[names[0]!]![0]?.length ?? 0
  const rows: CsvValue[][] = []
  const samples = indices.map((index, i) => {
    const entry: Record<string, unknown> = { index, label: set.classes[set.labels[index]!] ?? '' }
    for (const kind of names) {
      const values = plainNumbers(kinds[kind]![i]!)
      entry[kind] = values
      rows.push([index, set.classes[set.labels[index]!] ?? '', kind, ...values])
    }
    return entry
  })
  const header = ['index', 'class', 'kind', ...Array.from({ length: size }, (_, k) => `v${k}`)]
  return { csv: toCsv(header, rows), json: { sampleShape: set.sampleShape, samples } }
}

export function reconstructionFigure(
  network: TaskNetwork,
  experiment: ParsedExperiment,
  set: EvalSet,
  fingerprint: Fingerprint,
  words: FigureText,
): RunFigure[] {
  const { x, count, indices } = firstSamples(set)
  const noise = network.layers[0]?.type === 'noise' ? network.layers[0] : undefined
  const noisy = noise ? noise.forward(network.view(x), { training: true }).data.slice() : undefined
  const input = noisy ? new Tensor(noisy, x.shape) : x
  const output = network.predict(input).data
  const original = planes(x.data, count, set.sampleShape)
  if (original.length === 0) return []
  const title = noisy ? words.denoisingTitle : words.reconstructionTitle
  const reconstruction = planes(output, count, set.sampleShape)
  const noisyPlanes = noisy ? planes(noisy, count, set.sampleShape) : undefined
  const svg = buildReconstructionSvg({
    title,
    original,
    reconstruction,
    ...(noisyPlanes ? { noisy: noisyPlanes } : {}),
    labels: words.reconstruction,
    rowLabels: indices.map((index) => `${set.classes[set.labels[index]!] ?? ''} #${index}`),
    normalisation: normalisationFor(experiment),
    fingerprint,
  })
  const kinds = {
    original: original.map((p) => p.data),
    ...(noisyPlanes ? { noisy: noisyPlanes.map((p) => p.data) } : {}),
    reconstruction: reconstruction.map((p) => p.data),
  }
  return [{ name: 'reconstructions', title, svg, ...sampleNumbers(set, indices, kinds) }]
}

export async function recombinationFigure(
  run: RunFolder,
  experiment: ParsedExperiment,
  model: ParsedModelSpec,
  set: EvalSet,
  fingerprint: Fingerprint,
  words: FigureText,
): Promise<RunFigure[]> {
  const task = experiment.task
  if (task.kind !== 'per-channel-autoencode' || set.sampleShape[0] !== 3 || task.channels.length !== 3)
    return []
  const { x, count, indices } = firstSamples(set)
  const [, h, w] = set.sampleShape as [number, number, number]
  const plane = h * w
  const outputs: Float32Array[] = []
  for (const c of channelNames) {
    const network = networkForExperiment(experiment, model)
    network.loadWeights(npzToStateDict(await run.child(c).readWeights()).tensors)
    const p = channelNames.indexOf(c)
    const input = new Float32Array(count * plane)
    for (let i = 0; i < count; i++)
      input.set(x.data.subarray((i * 3 + p) * plane, (i * 3 + p + 1) * plane), i * plane)
    outputs.push(network.predict(new Tensor(input, [count, 1, h, w])).data)
  }
  const title = words.recombinationTitle
  const channelOutputs = Array.from(
    { length: count },
    (_, i) =>
      [0, 1, 2].map((c) => outputs[c]!.subarray(i * plane, (i + 1) * plane)) as [
        Float32Array,
        Float32Array,
        Float32Array,
      ],
  )
  const svg = buildRecombinationSvg({
    title,
    original: planes(x.data, count, set.sampleShape),
    channelOutputs,
    labels: words.recombination,
    normalisation: normalisationFor(experiment),
    fingerprint,
  })
  // The recombined image is the three channel outputs stacked as (3, Y, X).
  const recombined = channelOutputs.map((parts) => {
    const out = new Float32Array(3 * plane)
    parts.forEach((part, c) => out.set(part, c * plane))
    return out
  })
  const kinds = { original: planes(x.data, count, set.sampleShape).map((p) => p.data), recombined }
  return [{ name: 'recombined', title, svg, ...sampleNumbers(set, indices, kinds) }]
}

/** One sample's maps (C, Y, X) as CSV rows (channel, y, values along x) and nested JSON. */
export function mapNumbers(
  layer: string,
  sample: number,
  maps: ArrayLike<number>,
  [channels, height, width]: readonly [number, number, number],
): { csv: string; json: unknown } {
  const plain = plainNumbers(maps)
  const plane = height * width
  const perChannel = Array.from({ length: channels }, (_, c) =>
    nestedRows(plain.slice(c * plane, (c + 1) * plane), height, width),
  )
  const rows = perChannel.flatMap((m, c) => m.map((row, y) => [c, y, ...row]))
  const header = ['channel', 'y', ...Array.from({ length: width }, (_, x) => `x${x}`)]
  return {
    csv: toCsv(header, rows),
    json: { layer, sample, shape: [channels, height, width], maps: perChannel },
  }
}

export function featureMapFigure(
  network: TaskNetwork,
  set: EvalSet,
  fingerprint: Fingerprint,
  words: FigureText,
): RunFigure[] {
  const model = network.model
  const conv = model.spec.layers.findIndex((l) => l.type === 'conv2d')
  if (conv < 0 || set.labels.length === 0) return []
  const size = set.sampleShape.reduce((a, b) => a * b, 1)
  const x = new Tensor(set.x.slice(0, size), [1, ...model.inputShape])
  const trace = model.trace(x, { training: false })
  const last = trace.filter((t) => t.specIndex === conv).at(-1)
  if (!last || last.output.shape.length !== 4) return []
  const [, channels, height, width] = last.output.shape as [number, number, number, number]
  const layer = model.spec.layers[conv]!.name
  const title = words.featureMapsTitle(layer, 0, set.classes[set.labels[0]!] ?? '')
  const svg = buildFeatureMapsSvg({ title, maps: last.output.data, channels, height, width, fingerprint })
  return [
    {
      name: `feature-maps-${layer}`,
      title,
      svg,
      ...mapNumbers(layer, 0, last.output.data, [channels, height, width]),
    },
  ]
}
