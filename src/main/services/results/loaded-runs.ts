import { argmaxRows } from '../../../shared/evaluation'
import { classScores64 } from '../../../worker/training'
import type { EvalSet } from './run-data'
import type { RunNetwork } from './run-network'
import type { SampleDrawing } from './sample-image'

/**
 * The network and evaluated set of the runs looked at last, kept in memory so that clicking through
 * confusion-matrix cells, feature maps and im2col patches does not decode images or re-run the whole
 * set each time: at most `capacity` (default 2) runs, least recently used dropped first. A network
 * read from a checkpoint (a run still training) is not kept: the next request reads the newer one.
 *
 * A classifier's scores are computed once per entry, in chunks of whole evaluation batches with the
 * event loop let through in between (the main process stays responsive), by classScores64: the
 * function evaluation.json was written with, on the same batches, so the cells add up to its matrix.
 */
export interface Classified {
  /** (samples × classes) float64. */
  scores: Float64Array
  predicted: Int32Array
  confidence: Float64Array
  classes: number
}

export interface LoadedRun {
  net: RunNetwork
  set: EvalSet
  drawing: SampleDrawing
  classified?: Promise<Classified>
}

/** Samples scored between two turns of the event loop (rounded up to whole batches). */
const CHUNK = 256

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function classifySet(net: RunNetwork, set: EvalSet, classes: number): Promise<Classified> {
  const batch = net.experiment.training.evalBatchSize
  const chunk = batch * Math.max(1, Math.ceil(CHUNK / batch))
  const count = set.labels.length
  const scores = new Float64Array(count * classes)
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from)
    scores.set(classScores64(net.network, set, classes, batch, { from, count: n }), from * classes)
    await nextTurn()
  }
  const { predicted, confidence } = argmaxRows({ data: scores, classCount: classes })
  return { scores, predicted, confidence, classes }
}

export class LoadedRuns {
  private readonly entries = new Map<string, Promise<LoadedRun>>()

  constructor(
    private readonly load: (runId: string, stage: string | undefined) => Promise<LoadedRun>,
    private readonly capacity = 2,
  ) {}

  get(runId: string, stage?: string): Promise<LoadedRun> {
    const key = `${runId}\n${stage ?? ''}`
    const cached = this.entries.get(key)
    if (cached) {
      this.entries.delete(key)
      this.entries.set(key, cached)
      return cached
    }
    const loading = this.load(runId, stage)
    this.entries.set(key, loading)
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
    loading.then(
      (run) => {
        if (run.net.weightsFrom.startsWith('checkpoints/') && this.entries.get(key) === loading)
          this.entries.delete(key)
      },
      () => {
        if (this.entries.get(key) === loading) this.entries.delete(key)
      },
    )
    return loading
  }

  /** The classifier's scores of a loaded run, computed on first use. */
  classified(run: LoadedRun): Promise<Classified> {
    const classes = run.net.network.outputShape.reduce((a, b) => a * b, 1)
    run.classified ??= classifySet(run.net, run.set, classes)
    return run.classified
  }

  clear(): void {
    this.entries.clear()
  }
}
