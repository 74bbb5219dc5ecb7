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
 * The fake run's figures, drawn by the same src/shared/figures builders `dllab figures` uses, with
 * the numbers behind each as CSV and JSON; the feature maps of a sample; and a PNG of an SVG's size.
 */
const grey = (data: ArrayLike<number>, size = SIZE): ImagePlane => ({
  channels: 1,
  height: size,
  width: size,
  data,
})

function lossFigure(task: TaskKind, fingerprint: Fingerprint): RunFigure {
  const lines = metricsOf(task)
  const series = [
    { name: 'train', points: lines.map((m) => ({ x: m.epoch, y: m.trainLoss ?? 0 })) },
    { name: 'test', points: lines.map((m) => ({ x: m.epoch, y: m.testLoss ?? 0 })), dashed: true },
  ]
  return {
    name: 'loss',
    title: 'Loss per sample',
    svg: buildLineChartSvg({
      title: 'Loss per sample',
      series,
      xLabel: 'epoch',
      yLabel: 'loss',
      fingerprint,
    }),
    csv:
      ['epoch,train,test', ...lines.map((m) => `${m.epoch},${m.trainLoss},${m.testLoss}`)].join('\n') + '\n',
    json: lines.map((m) => ({ epoch: m.epoch, train: m.trainLoss, test: m.testLoss })),
  }
}

function confusionFigure(task: TaskKind, fingerprint: Fingerprint): RunFigure {
  const matrix = evaluationOf(task).classification!.confusion
  const rows = matrix.map((row, i) => [CLASSES[i], ...row].join(','))
  return {
    name: 'confusion-matrix',
    title: 'Confusion matrix (test set)',
    svg: buildConfusionMatrixSvg({
      title: 'Confusion matrix (test set)',
      matrix,
      classes: CLASSES,
      fingerprint,
    }),
    csv: [['true \\ predicted', ...CLASSES].join(','), ...rows].join('\n') + '\n',
    json: { classes: CLASSES, matrix },
  }
}

function weightFigure(task: TaskKind, normalisation: 'tile' | 'global', fingerprint: Fingerprint): RunFigure {
  if (task === 'classify' || task === 'pretrain-stack') {
    const { weights, filters, channels, kernel } = CONV
    return {
      name: 'weights-conv1',
      title: 'weights of conv1',
      svg: buildConvFilterTilesSvg({
        weights,
        filters,
        channels,
        kernelHeight: kernel,
        kernelWidth: kernel,
        normalisation,
        title: 'weights of conv1',
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
  return {
    name: 'weights-enc',
    title: 'weights of enc',
    svg: buildDenseWeightTilesSvg({
      weights: ENCODER_WEIGHTS,
      inputs: SIZE * SIZE,
      units: 8,
      image: { channels: 1, height: SIZE, width: SIZE },
      normalisation,
      title: 'weights of enc',
      fingerprint,
    }),
    csv:
      ['input,unit,value', ...ENCODER_WEIGHTS.map((v, i) => `${Math.floor(i / 8)},${i % 8},${v}`)].join(
        '\n',
      ) + '\n',
    json: { layer: 'enc', shape: [SIZE * SIZE, 8], weights: ENCODER_WEIGHTS },
  }
}

function reconstructionFigure(fingerprint: Fingerprint): RunFigure {
  const indices = [0, 3, 6]
  const original = indices.map((i) => grey(sampleImage(i)))
  const reconstruction = indices.map((i) => grey(reconstruct(sampleImage(i))))
  const sse = indices.map((i) => {
    const x = sampleImage(i)
    return reconstruct(x).reduce((sum, y, p) => sum + (y - x[p]!) ** 2, 0)
  })
  return {
    name: 'reconstructions',
    title: 'Original | reconstruction',
    svg: buildReconstructionSvg({
      title: 'Original | reconstruction',
      original,
      reconstruction,
      rowLabels: indices.map((i) => `${CLASSES[LABELS[i]!]} #${i}`),
      fingerprint,
    }),
    csv: ['sample,sse', ...indices.map((i, r) => `${i},${sse[r]}`)].join('\n') + '\n',
    json: indices.map((index, r) => ({ index, sse: sse[r] })),
  }
}

/** What runs.figures answers for a run of `task`; a run without weights has its curves only. */
export function fakeFigures(
  runId: string,
  task: TaskKind,
  finished: boolean,
  normalisation: 'tile' | 'global',
): RunFigures {
  const fingerprint: Fingerprint = { runId, seed: 1 }
  if (!finished) return { figures: [], notes: ['no weight tiles or samples: the run has no weights.npz yet'] }
  const classify = task === 'classify' || task === 'pretrain-stack'
  const figures = [lossFigure(task, fingerprint)]
  if (classify) figures.push(confusionFigure(task, fingerprint))
  figures.push(weightFigure(task, normalisation, fingerprint))
  if (!classify) figures.push(reconstructionFigure(fingerprint))
  return { figures, notes: [] }
}

/** A sample's image as the service sends it: a PNG data: URL over [0, 1]. */
export function imageUrl(index: number): string {
  return `data:image/png;base64,${base64(planeToPng(grey(sampleImage(index)), { lo: 0, hi: 1 }))}`
}

/** conv1 (U), conv1.act (ReLU) and pool1 of one sample, each as feature-map tiles. */
export function fakeFeatureMaps(index: number): FeatureMapsView['layers'] {
  const u = convolveDirect(sampleImage(index))
  const relu = u.map((v) => Math.max(0, v))
  const pooled = maxPool(relu, CONV.filters)
  const layer = (name: string, type: string, maps: Float32Array, size: number) => ({
    name,
    type,
    shape: [CONV.filters, size, size],
    svg: buildFeatureMapsSvg({ maps, channels: CONV.filters, height: size, width: size, title: name }),
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
