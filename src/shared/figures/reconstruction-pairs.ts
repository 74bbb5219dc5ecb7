/**
 * What an autoencoder gives back, next to what it was given: one row per sample with
 * original | reconstruction (the lecture's decode-i-j-result.png pairs), or clean | noisy |
 * reconstruction for a denoising autoencoder; and the homework's colour recombination: three
 * channel autoencoders' outputs R, G, B put back together into one RGB image
 * (the lecture's np.transpose(img_vec, (1, 2, 0))).
 *
 * Default normalisation is the fixed range [0, 1] (values clamped), right for pixel/255 data; give
 * { min, max } for other scalings, or 'row' / 'tile' for unit-sum inputs (the lecture's AE.py) whose
 * values are far below 1.
 */
import { FigureError } from './errors'
import { type ImagePlane, type Normalisation, checkPlane } from './raster'
import { type FigureCommon } from './svg'
import { type GridCell, tileGridSvg } from './tile-grid'

export interface ReconstructionLabels {
  readonly original?: string
  readonly noisy?: string
  readonly reconstruction?: string
}

export interface ReconstructionOptions extends FigureCommon {
  /** The inputs (the clean ones for denoising). */
  readonly original: readonly ImagePlane[]
  readonly reconstruction: readonly ImagePlane[]
  /** The corrupted inputs of a denoising autoencoder: adds the middle column. */
  readonly noisy?: readonly ImagePlane[]
  /** One header per row (e.g. "3 · #0" or an error value). */
  readonly rowLabels?: readonly string[]
  /** Column headers, already translated; defaults Original / Noisy / Reconstruction. */
  readonly labels?: ReconstructionLabels
  readonly normalisation?: Normalisation
  readonly scale?: number
  readonly caption?: string
}

const UNIT_RANGE = { min: 0, max: 1 }

export function buildReconstructionSvg(options: ReconstructionOptions): string {
  const { original, reconstruction, noisy } = options
  const n = original.length
  if (reconstruction.length !== n || (noisy && noisy.length !== n)) {
    throw new FigureError(
      `buildReconstructionSvg: ${n} originals, ${reconstruction.length} reconstructions` +
        (noisy ? ` and ${noisy.length} noisy inputs` : '') +
        '; give one of each per sample',
    )
  }
  const labels = options.labels ?? {}
  const columnHeaders = [labels.original ?? 'Original']
  if (noisy) columnHeaders.push(labels.noisy ?? 'Noisy')
  columnHeaders.push(labels.reconstruction ?? 'Reconstruction')
  const rows: GridCell[][] = original.map((image, i) => [
    { image },
    ...(noisy ? [{ image: noisy[i] }] : []),
    { image: reconstruction[i] },
  ])
  return tileGridSvg('buildReconstructionSvg', {
    ...options,
    rows,
    columnHeaders,
    rowHeaders: options.rowLabels,
    normalisation: options.normalisation ?? UNIT_RANGE,
    targetSize: 84,
  })
}

/**
 * Recombines three single-channel images (the R, G and B autoencoders' outputs, each H × W) into one
 * RGB plane (3, H, W). Values are copied as they are; the figure's normalisation clamps or scales.
 */
export function recombineChannels(
  red: ImagePlane | ArrayLike<number>,
  green: ImagePlane | ArrayLike<number>,
  blue: ImagePlane | ArrayLike<number>,
  height: number,
  width: number,
): ImagePlane {
  const plane = height * width
  const data = new Float32Array(3 * plane)
  const sources = [red, green, blue]
  sources.forEach((source, c) => {
    const values = 'data' in source ? source.data : source
    if (values.length !== plane || ('channels' in source && source.channels !== 1)) {
      throw new FigureError(
        `recombineChannels: channel ${'RGB'[c]} must be one ${height}×${width} plane (${plane} values), got ${values.length}`,
      )
    }
    for (let i = 0; i < plane; i++) data[c * plane + i] = values[i]
  })
  return { channels: 3, height, width, data }
}

/** One grey plane of a colour image: channel c of a (3, H, W) plane. */
export function channelOf(image: ImagePlane, c: number): ImagePlane {
  checkPlane(image, 'channelOf')
  if (image.channels !== 3 || c < 0 || c > 2) {
    throw new FigureError(
      `channelOf: needs an RGB image and a channel 0–2, got ${image.channels} channels, c = ${c}`,
    )
  }
  const plane = image.height * image.width
  const data = Float32Array.from({ length: plane }, (_, i) => image.data[c * plane + i])
  return { channels: 1, height: image.height, width: image.width, data }
}

export interface RecombinationLabels {
  readonly input?: string
  readonly red?: string
  readonly green?: string
  readonly blue?: string
  readonly recombined?: string
}

export interface RecombinationOptions extends FigureCommon {
  /** The colour inputs, (3, H, W) each. */
  readonly original: readonly ImagePlane[]
  /** Per sample the three channel reconstructions [R, G, B], each (1, H, W) or H·W values. */
  readonly channelOutputs: readonly (readonly [
    ImagePlane | ArrayLike<number>,
    ImagePlane | ArrayLike<number>,
    ImagePlane | ArrayLike<number>,
  ])[]
  readonly rowLabels?: readonly string[]
  /** Headers; defaults Input / R / G / B / Recombined. */
  readonly labels?: RecombinationLabels
  readonly normalisation?: Normalisation
  readonly scale?: number
  readonly caption?: string
}

/** The homework's figure: input | R output | G output | B output | recombined RGB output. */
export function buildRecombinationSvg(options: RecombinationOptions): string {
  const { original, channelOutputs } = options
  if (channelOutputs.length !== original.length) {
    throw new FigureError(
      `buildRecombinationSvg: ${original.length} inputs but ${channelOutputs.length} sets of channel outputs`,
    )
  }
  const labels = options.labels ?? {}
  const rows: GridCell[][] = original.map((image, i) => {
    checkPlane(image, 'buildRecombinationSvg')
    if (image.channels !== 3) {
      throw new FigureError(
        `buildRecombinationSvg: input ${i} must be RGB (3 channels), got ${image.channels}`,
      )
    }
    const { height, width } = image
    const recombined = recombineChannels(...channelOutputs[i], height, width)
    return [{ image }, ...[0, 1, 2].map((c) => ({ image: channelOf(recombined, c) })), { image: recombined }]
  })
  return tileGridSvg('buildRecombinationSvg', {
    ...options,
    rows,
    columnHeaders: [
      labels.input ?? 'Input',
      labels.red ?? 'R',
      labels.green ?? 'G',
      labels.blue ?? 'B',
      labels.recombined ?? 'Recombined',
    ],
    rowHeaders: options.rowLabels,
    normalisation: options.normalisation ?? UNIT_RANGE,
    targetSize: 84,
  })
}
