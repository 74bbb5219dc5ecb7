/**
 * Response types of the lab's channels beyond settings and folders: presets, run results, figure
 * export, reports, dataset inspection. Types only (no zod), so the renderer may import them freely.
 */
import type { EvaluationFile, MetricsLine, TaskKind } from '../experiment'
import type { TrainingRunInfo } from '../training/events'
import type { ClassSummary, ScanProblem } from './contract'

/** One of resources/presets/*.json: the lecture's exercises, as the Home view's cards show them. */
export interface PresetSummary {
  /** File name without .json ("lenet5"); also the CLI's preset name. */
  id: string
  name: string
  description: string
  task: TaskKind
  /** The experiment as the file holds it (its model may be a preset model's name). */
  experiment: unknown
  /** The experiment's model spec, resolved (a preset model's name replaced by its spec). */
  model: unknown
}

/** The metrics of one job: label '' for single-job runs, 'R' | 'G' | 'B' for the homework's channels. */
export interface RunMetricsSeries {
  label: string
  lines: MetricsLine[]
}

/** Everything the Results view and the Train view's overlay need about a run, except pictures. */
export interface RunDetail {
  run: TrainingRunInfo
  /** experiment.json as written at start. */
  experiment: unknown
  /** The model spec the run trains (resolved). */
  model: unknown
  metrics: RunMetricsSeries[]
  /** evaluation.json, once the run has finished. */
  evaluation: EvaluationFile | null
}

/** A figure as `dllab figures` writes it, with its numbers for CSV/JSON export. */
export interface RunFigure {
  /** File name without extension ("loss", "confusion-matrix", "weights-conv1"). */
  name: string
  /** The figure's own title, for a heading. */
  title: string
  /** The complete standalone SVG (src/shared/figures). */
  svg: string
  /** The numbers drawn, as CSV text and as JSON. */
  csv: string
  json: unknown
}

export interface RunFigures {
  figures: RunFigure[]
  /** Why an expected figure is missing ("no weights.npz yet"). */
  notes: string[]
}

/** A sample image of the evaluated set with the network's answer. */
export interface ScoredSample {
  /** Position in the evaluated set. */
  index: number
  /** PNG data: URL of the image as stored (the network's input, drawn). */
  image: string
  label: number
  predicted: number
  /** Probability of the predicted class. */
  confidence: number
  /** All class probabilities (softmax of the outputs). */
  scores: number[]
}

/** The samples in one cell of the confusion matrix (label row, predicted column). */
export interface ConfusionCell {
  split: 'test' | 'train'
  label: number
  predicted: number
  /** All samples in the cell; `samples` holds at most the requested limit, most confident first. */
  total: number
  samples: ScoredSample[]
}

/** Feature maps of one sample after each layer that has a spatial output. */
export interface FeatureMapsView {
  sample: ScoredSample | { index: number; image: string; label: number }
  layers: {
    /** The layer's name in the model spec ("conv1", "conv1.act", "pool1"). */
    name: string
    type: string
    /** Output shape without the batch: [C, Y, X]. */
    shape: number[]
    /** The maps as tiles (one per channel), a standalone SVG. */
    svg: string
  }[]
}

/** A matrix in row-major order. */
export interface Matrix {
  rows: number
  cols: number
  values: number[]
}

/**
 * The lecture's im2col picture for one convolution layer and a small patch of one real input:
 * X' (C·FY·FX rows, one column per output position of the patch), F (K filters × C·FY·FX) and
 * U' = F X' (+ bias), which reshaped is the patch of the K feature maps.
 */
export interface Im2colView {
  layer: string
  sampleIndex: number
  /** The layer's input without the batch: [C, Y, X]. */
  inputShape: number[]
  kernel: [number, number]
  stride: [number, number]
  padding: [number, number]
  /** Output positions covered: rows y0 … y0+rows−1, columns x0 … x0+cols−1 of the feature map. */
  patch: { y: number; x: number; rows: number; cols: number }
  /** The input values the patch reads (zero padding included), C × inRows × inCols. */
  input: Matrix[]
  /** X': (C·FY·FX) × (rows·cols). */
  columns: Matrix
  /** F: K × (C·FY·FX). */
  filters: Matrix
  bias: number[]
  /** U' = F X' + bias: K × (rows·cols). */
  product: Matrix
  /** U' reshaped: K maps of rows × cols. */
  featureMaps: Matrix[]
  /** max |U' − the layer's own forward output| over the patch (float32 rounding only). */
  maxDifference: number
}

/** A dataset source looked at before training: classes, counts, problems and the exact input. */
export interface DatasetInspection {
  /** "MNIST (built in)", the folder's path, the IDX/CIFAR file names. */
  title: string
  trainCount: number
  testCount: number
  classes: ClassSummary[]
  problems: ScanProblem[]
  /** What the network will see, after the preprocessing given. */
  preview: {
    /** [C, Y, X] of one sample. */
    shape: number[]
    /** The preprocessing in words ("grey, 28×28, scaled to [0, 1]"). */
    description: string
    samples: {
      index: number
      className: string
      /** PNG data: URL of the input tensor drawn at its own size (values mapped to 0…255). */
      input: string
      min: number
      max: number
      mean: number
    }[]
  }
}

/** Bytes or text to save, and the file name offered in the save dialog. */
export interface SaveRequest {
  defaultName: string
  encoding: 'utf8' | 'base64'
  content: string
}
