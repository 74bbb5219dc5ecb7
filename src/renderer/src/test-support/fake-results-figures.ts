import type { TaskKind } from '../../../shared/experiment'
import {
  base64,
  buildConfusionMatrixSvg,
  buildConvFilterTilesSvg,
  buildDenseWeightTilesSvg,
  buildFeatureMapsSvg,
  buildLineChartSvg,
  buildReconstructionSvg,
  encodePng,
  type FigureLanguage,
  type FigureText,
  figureText,
  planeToPng,
  type Fingerprint,
  type ImagePlane,
} from '../../../shared/figures'
import type { FeatureMapsView, RunFigure, RunFigures } from '../../../shared/ipc/lab-types'
import {
  CLASSES,
  CONV,
  convolveDirect,
  ENCODER_WEIGHTS,
  evaluationOf,
  LABELS,
  maxPool,
  metricsOf,
  reconstruct,
  sampleImage,
  SIZE,
} from './fake-results-run'

/**
 * The fake run's figures, drawn by the same src/shared/figures builders `dllab figures` uses, in
 * the language asked for (figure-text.ts), with the numbers behind each as CSV and JSON; the
 * feature maps of a sample; and a PNG of an SVG's size.
 */
const grey = (data: ArrayLike<number>, size = SIZE): ImagePlane => ({
  channels: 1,
  height: size,
  width: size,
  data,
})

function lossFigure(task: TaskKind, fingerprint: Fingerprint, words: FigureText): RunFigure {
  const lines = metricsOf(task)
  const name = (split: 'train' | 'test') => words.seriesName({ channel: '', stage: 'train', split })
  const series = [
    { name: name('train'), points: lines.map((m) => ({ x: m.epoch, y: m.trainLoss ?? 0 })) },
    { name: name('test'), points: lines.map((m) => ({ x: m.epoch, y: m.testLoss ?? 0 })), dashed: true },
  ]
  const title = words.lossTitle('mse')
  return {
    name: 'loss',
    title,
    svg: buildLineChartSvg({
      title,
      series,
      xLabel: words.epochAxis,
      yLabel: words.lossAxis,
      fingerprint,
    }),
    csv:
      ['epoch,train,test', ...lines.map((m) => `${m.epoch},${m.trainLoss},${m.testLoss}`)].join('\n') + '\n',
    json: lines.map((m) => ({ epoch: m.epoch, train: m.trainLoss, test: m.testLoss })),
  }
}

function confusionFigure(task: TaskKind, fingerprint: Fingerprint, words: FigureText): RunFigure {
  const matrix = evaluationOf(task).classification!.confusion
  const rows = matrix.map((row, i) => [CLASSES[i], ...row].join(','))
  const title = words.confusionTitle(words.splitName('evaluation'))
  return {
    name: 'confusion-matrix',
    title,
    svg: buildConfusionMatrixSvg({
      title,
      matrix,
      classes: CLASSES,
      labels: words.confusion,
      fingerprint,
    }),
    csv: [['true \\ predicted', ...CLASSES].join(','), ...rows].join('\n') + '\n',
    json: { classes: CLASSES, matrix },
  }
}

function weightFigure(
  task: TaskKind,
  normalisation: 'tile' | 'global',
  fingerprint: Fingerprint,
  words: FigureText,
): RunFigure {
  if (task === 'classify' || task === 'pretrain-stack') {
    const { weights, filters, channels, kernel } = CONV
    const title = words.weightsTitle('conv1', '')
    return {
      name: 'weights-conv1',
      title,
      svg: buildConvFilterTilesSvg({
        weights,
        filters,
        channels,
        kernelHeight: kernel,
        kernelWidth: kernel,
        normalisation,
        title,
        fingerprint,
      }),
      csv:
        [
          'filter,y,x,value',
          ...weights.map((v, i) => `${Math.floor(i / 9)},${Math.floor((i % 9) / 3)},${i % 3},${v}`),
        ].join('\n') + '\n',
      json: { layer: 'conv1', shape: [filters, channels, kernel, kernel], weights },
    }
  }
  const title = words.weightsTitle('enc', '')
  return {
    name: 'weights-enc',
    title,
    svg: buildDenseWeightTilesSvg({
      weights: ENCODER_WEIGHTS,
      inputs: SIZE * SIZE,
      units: 8,
      image: { channels: 1, height: SIZE, width: SIZE },
      normalisation,
      title,
      fingerprint,
    }),
    csv:
      ['input,unit,value', ...ENCODER_WEIGHTS.map((v, i) => `${Math.floor(i / 8)},${i % 8},${v}`)].join(
        '\n',
      ) + '\n',
    json: { layer: 'enc', shape: [SIZE * SIZE, 8], weights: ENCODER_WEIGHTS },
  }
}

function reconstructionFigure(fingerprint: Fingerprint, words: FigureText): RunFigure {
  const indices = [0, 3, 6]
  const original = indices.map((i) => grey(sampleImage(i)))
  const reconstruction = indices.map((i) => grey(reconstruct(sampleImage(i))))
  const sse = indices.map((i) => {
    const x = sampleImage(i)
    return reconstruct(x).reduce((sum, y, p) => sum + (y - x[p]!) ** 2, 0)
  })
  const title = words.reconstructionTitle
  return {
    name: 'reconstructions',
    title,
    svg: buildReconstructionSvg({
      title,
      original,
      reconstruction,
      labels: words.reconstruction,
      rowLabels: indices.map((i) => `${CLASSES[LABELS[i]!]} #${i}`),
      fingerprint,
    }),
    csv: ['sample,sse', ...indices.map((i, r) => `${i},${sse[r]}`)].join('\n') + '\n',
    json: indices.map((index, r) => ({ index, sse: sse[r] })),
  }
}

/**
 * What runs.figures answers for a run of `task` in `language`; a run without weights has no
 * figures yet, only the note the service gives.
 */
export function fakeFigures(
  runId: string,
  task: TaskKind,
  finished: boolean,
  normalisation: 'tile' | 'global',
  language: FigureLanguage = 'en',
): RunFigures {
  const words = figureText(language)
  const fingerprint: Fingerprint = { runId, seed: 1, seedLabel: words.seed }
  if (!finished) return { figures: [], notes: [words.notes.noWeights] }
  const classify = task === 'classify' || task === 'pretrain-stack'
  const figures = [lossFigure(task, fingerprint, words)]
  if (classify) figures.push(confusionFigure(task, fingerprint, words))
  figures.push(weightFigure(task, normalisation, fingerprint, words))
  if (!classify) figures.push(reconstructionFigure(fingerprint, words))
  return { figures, notes: [] }
}

/** A sample's image as the service sends it: a PNG data: URL over [0, 1]. */
export function imageUrl(index: number): string {
  return `data:image/png;base64,${base64(planeToPng(grey(sampleImage(index)), { lo: 0, hi: 1 }))}`
}

/** conv1 (U), conv1.act (ReLU) and pool1 of one sample, each as feature-map tiles titled in `language`. */
export function fakeFeatureMaps(index: number, language: FigureLanguage = 'en'): FeatureMapsView['layers'] {
  const words = figureText(language)
  const u = convolveDirect(sampleImage(index))
  const relu = u.map((v) => Math.max(0, v))
  const pooled = maxPool(relu, CONV.filters)
  const layer = (name: string, type: string, maps: Float32Array, size: number) => ({
    name,
    type,
    shape: [CONV.filters, size, size],
    svg: buildFeatureMapsSvg({
      maps,
      channels: CONV.filters,
      height: size,
      width: size,
      title: words.layerMapsTitle(name, index),
    }),
  })
  return [
    layer('conv1', 'conv2d', u, SIZE),
    layer('conv1.act', 'activation', relu, SIZE),
    layer('pool1', 'pool2d', pooled, SIZE / 2),
  ]
}

/**
 * A white PNG of the SVG's own width × height times `scale`, as renderPng's output has (the fake
 * does not rasterise the drawing itself).
 */
export function fakePng(svg: string, scale: number): string {
  const size = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg)
  if (!size) throw new Error('figures.png: the SVG has no width and height')
  const width = Number(size[1]) * scale
  const height = Number(size[2]) * scale
  return base64(encodePng({ width, height, channels: 1, data: new Uint8Array(width * height).fill(255) }))
}
