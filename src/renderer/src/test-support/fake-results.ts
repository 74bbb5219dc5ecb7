import type { AppInfo, RequestOf } from '../../../shared/ipc/contract'
import type {
  ConfusionCell,
  Im2colView,
  Matrix,
  RunDetail,
  ScoredSample,
} from '../../../shared/ipc/lab-types'
import type { TrainingRunInfo } from '../../../shared/training/events'
import { type FakeHandlers } from './fake-handlers'
import { fakeFeatureMaps, fakeFigures, fakePng, imageUrl } from './fake-results-figures'
import {
  autoencoderModel,
  classifierModel,
  CLASSES,
  CONV,
  convolveDirect,
  evaluationOf,
  LABELS,
  metricsOf,
  multiply,
  paddedValue,
  PREDICTED,
  sampleImage,
  sampleScores,
  SIZE,
} from './fake-results-run'

type ResultChannels =
  | 'runs.detail'
  | 'runs.figures'
  | 'runs.confusionCell'
  | 'runs.featureMaps'
  | 'runs.im2col'
  | 'figures.png'
  | 'export.save'
  | 'report.html'
  | 'report.saveHtml'
  | 'report.savePdf'

export interface FakeResultsContext {
  /** The fake training's runs (training.list). */
  runs: () => TrainingRunInfo[]
  host: AppInfo['host']
}

/** An Error whose name the caller sees as the service's error class. */
function serviceError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}

const classifies = (run: TrainingRunInfo) => run.task === 'classify' || run.task === 'pretrain-stack'

/**
 * The run results, figure export and report channels for the fake api. Every run of the fake
 * training answers with the small run of fake-results-run.ts (a classifier or an autoencoder by its
 * task); a finished run has evaluation.json, weights and figures, a running one only its metrics.
 * Desktop-only channels (export.save, report.savePdf) fail in web mode as main's web bridge does.
 */
export function createFakeResults(context: FakeResultsContext): FakeHandlers<ResultChannels> {
  function runOf(runId: string): TrainingRunInfo {
    const run = context.runs().find((r) => r.runId === runId)
    if (!run) throw serviceError('UnknownRunError', `no run ${runId} in the workspace`)
    return run
  }

  function finishedRun(runId: string, what: string): TrainingRunInfo {
    const run = runOf(runId)
    if (run.status !== 'finished') {
      throw serviceError('RunStateError', `${what}: run ${runId} has no weights.npz yet (${run.status})`)
    }
    return run
  }

  function classifierRun(runId: string, what: string): TrainingRunInfo {
    const run = finishedRun(runId, what)
    if (!classifies(run)) throw serviceError('RunStateError', `${what}: run ${runId} is not a classifier`)
    return run
  }

  function scored(index: number): ScoredSample {
    const scores = sampleScores(index)
    const predicted = PREDICTED[index]!
    return {
      index,
      image: imageUrl(index),
      label: LABELS[index]!,
      predicted,
      confidence: scores[predicted]!,
      scores,
    }
  }

  function detail(runId: string): RunDetail {
    const run = runOf(runId)
    const finished = run.status === 'finished'
    return {
      run,
      experiment: { format: 'dllab.experiment/1', name: run.name, task: { kind: run.task } },
      model: classifies(run) ? classifierModel : autoencoderModel,
      metrics: [{ label: '', lines: finished ? metricsOf(run.task) : metricsOf(run.task).slice(0, 1) }],
      evaluation: finished ? evaluationOf(run.task) : null,
    }
  }

  function confusionCell(request: RequestOf<'runs.confusionCell'>): ConfusionCell {
    classifierRun(request.runId, 'runs.confusionCell')
    const { label, predicted } = request
    if (label >= CLASSES.length || predicted >= CLASSES.length) {
      throw serviceError('RangeError', `runs.confusionCell: classes are 0 … ${CLASSES.length - 1}`)
    }
    const members = LABELS.flatMap((l, i) => (l === label && PREDICTED[i] === predicted ? [scored(i)] : []))
    members.sort((a, b) => b.confidence - a.confidence || a.index - b.index)
    return {
      split: 'test',
      label,
      predicted,
      total: members.length,
      samples: members.slice(0, request.limit ?? 50),
    }
  }

  function sampleIndex(sample: number, what: string): number {
    if (sample >= LABELS.length) {
      throw serviceError(
        'RangeError',
        `${what}: sample ${sample} is outside the test set (0 … ${LABELS.length - 1})`,
      )
    }
    return sample
  }

  /**
   * The lecture's transform ①: X'[(c·FY + fy)·FX + fx][r·cols + q] = X[c][(y+r)·s + fy − p][(x+q)·s + fx − p],
   * then U' = F X' + b (a matrix product), checked against the direct convolution.
   */
  function im2col(request: RequestOf<'runs.im2col'>): Im2colView {
    const run = classifierRun(request.runId, 'runs.im2col')
    if (request.layer !== 'conv1') {
      throw serviceError(
        'ValueError',
        `runs.im2col: run ${run.runId} has no convolution layer '${request.layer}' (it has conv1)`,
      )
    }
    const index = sampleIndex(request.sample, 'runs.im2col')
    const { kernel: k, padding: p, stride: s, filters, weights, bias } = CONV
    if (request.y >= SIZE || request.x >= SIZE) {
      throw serviceError(
        'RangeError',
        `runs.im2col: position (${request.y}, ${request.x}) is outside the ${SIZE} × ${SIZE} feature map`,
      )
    }
    const size = request.size ?? 2
    const rows = Math.min(size, SIZE - request.y)
    const cols = Math.min(size, SIZE - request.x)
    const image = sampleImage(index)
    const at = (r: number, q: number, fy: number, fx: number) =>
      paddedValue(image, (request.y + r) * s + fy - p, (request.x + q) * s + fx - p)
    const inRows = (rows - 1) * s + k
    const inCols = (cols - 1) * s + k
    const input: Matrix = {
      rows: inRows,
      cols: inCols,
      values: Array.from({ length: inRows * inCols }, (_, i) =>
        paddedValue(image, request.y * s - p + Math.floor(i / inCols), request.x * s - p + (i % inCols)),
      ),
    }
    const columns: Matrix = { rows: k * k, cols: rows * cols, values: [] }
    for (let fy = 0; fy < k; fy++)
      for (let fx = 0; fx < k; fx++)
        for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) columns.values.push(at(r, q, fy, fx))
    const filterMatrix: Matrix = { rows: filters, cols: k * k, values: [...weights] }
    const product = multiply(filterMatrix, columns, bias)
    const direct = convolveDirect(image)
    let maxDifference = 0
    const featureMaps = Array.from({ length: filters }, (_, f): Matrix => {
      const values = product.values.slice(f * rows * cols, (f + 1) * rows * cols)
      values.forEach((v, i) => {
        const y = request.y + Math.floor(i / cols)
        const x = request.x + (i % cols)
        maxDifference = Math.max(maxDifference, Math.abs(v - direct[(f * SIZE + y) * SIZE + x]!))
      })
      return { rows, cols, values }
    })
    return {
      layer: 'conv1',
      sampleIndex: index,
      inputShape: [1, SIZE, SIZE],
      kernel: [k, k],
      stride: [s, s],
      padding: [p, p],
      patch: { y: request.y, x: request.x, rows, cols },
      input: [input],
      columns,
      filters: filterMatrix,
      bias: [...bias],
      product,
      featureMaps,
      maxDifference,
    }
  }

  function desktopOnly(channel: string): never {
    throw serviceError(
      'HostError',
      `${channel} needs the desktop app; in the browser the file is downloaded instead`,
    )
  }

  return {
    'runs.detail': (request) => detail(request.runId),
    'runs.figures': (request) => {
      const run = runOf(request.runId)
      const { normalise = 'tile', language = 'en' } = request
      return fakeFigures(run.runId, run.task, run.status === 'finished', normalise, language)
    },
    'runs.confusionCell': confusionCell,
    'runs.featureMaps': (request) => {
      classifierRun(request.runId, 'runs.featureMaps')
      const index = sampleIndex(request.sample, 'runs.featureMaps')
      return { sample: scored(index), layers: fakeFeatureMaps(index, request.language ?? 'en') }
    },
    'runs.im2col': im2col,
    'figures.png': (request) => ({ base64: fakePng(request.svg, request.scale) }),
    'export.save': (request) =>
      context.host === 'electron'
        ? { path: `/home/user/Downloads/${request.defaultName}` }
        : desktopOnly('export.save'),
    'report.html': (request) => {
      const run = finishedRun(request.runId, 'report.html')
      const html =
        `<!doctype html><html><head><meta charset="utf-8"><title>${run.name}</title>` +
        `<style>body { font-family: sans-serif; }</style></head>` +
        `<body><h1>${run.name}</h1><p>${run.runId}</p></body></html>`
      return { name: `${run.name}-report.html`, html }
    },
    'report.saveHtml': (request) => {
      const run = finishedRun(request.runId, 'report.saveHtml')
      return { path: `${request.folder}/${run.name}-report` }
    },
    'report.savePdf': (request) => {
      const run = finishedRun(request.runId, 'report.savePdf')
      return context.host === 'electron'
        ? { path: `/home/user/${run.name}-report.pdf` }
        : desktopOnly('report.savePdf')
    },
  }
}
