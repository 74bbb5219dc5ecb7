import type { MetricsLine } from '../../../shared/experiment'
import type { RunMetricsSeries } from '../../../shared/ipc/lab-types'
import type { ProgressInfo, TrainingJobName } from '../../../shared/training'
import { DecimatedSeries } from './decimated-series'

/**
 * The points of a run's charts, kept outside Vue's reactivity: what the progress and epoch events
 * said, line by line. A run has one part per job and stage ("train/train"; a stacked autoencoder's
 * "train/pretrain:hidden1" … "train/finetune", "train/scratch"; the homework's "R/channel:R" …), each
 * with its own x axis (a stage's steps and epochs start again from the beginning).
 *
 *   per step   x = optimizer steps of the stage, y = the epoch's running mean loss / accuracy
 *   per epoch  x = epochs completed, y = train and test loss / accuracy of that epoch
 */
export interface SeriesPart {
  /** "train/finetune", "R/channel:R". */
  key: string
  job: string
  stage: string
  stepLoss: DecimatedSeries
  stepAccuracy: DecimatedSeries
  trainLoss: DecimatedSeries
  testLoss: DecimatedSeries
  trainAccuracy: DecimatedSeries
  testAccuracy: DecimatedSeries
}

export type StepMetric = 'stepLoss' | 'stepAccuracy'
export type EpochMetric = 'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy'
export type SeriesMetric = StepMetric | EpochMetric
export const epochMetrics: readonly EpochMetric[] = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']
const seriesMetrics: readonly SeriesMetric[] = ['stepLoss', 'stepAccuracy', ...epochMetrics]

/** The stage a single-stage job reports ("train"). */
const DEFAULT_STAGE = 'train'

export class RunSeries {
  /** In order of first appearance. */
  readonly parts: SeriesPart[] = []
  private readonly byKey = new Map<string, SeriesPart>()

  constructor(private readonly cap = 600) {}

  part(job: string, stage = DEFAULT_STAGE): SeriesPart {
    const key = `${job}/${stage}`
    let part = this.byKey.get(key)
    if (!part) {
      const series = () => new DecimatedSeries(this.cap)
      part = {
        key,
        job,
        stage,
        stepLoss: series(),
        stepAccuracy: series(),
        trainLoss: series(),
        testLoss: series(),
        trainAccuracy: series(),
        testAccuracy: series(),
      }
      this.byKey.set(key, part)
      this.parts.push(part)
    }
    return part
  }

  addProgress(job: TrainingJobName | string, progress: ProgressInfo): void {
    const part = this.part(job, progress.stage)
    part.stepLoss.push(progress.step, progress.loss)
    if (progress.accuracy !== null) part.stepAccuracy.push(progress.step, progress.accuracy)
  }

  /** An epoch line goes to the epoch series; a step line (training.logEverySteps) to the step series. */
  addMetrics(job: TrainingJobName | string, line: MetricsLine): void {
    const part = this.part(job, line.stage ?? DEFAULT_STAGE)
    if (line.kind === 'step') {
      if (line.trainLoss !== null) part.stepLoss.push(line.step, line.trainLoss)
      if (line.trainAccuracy !== null) part.stepAccuracy.push(line.step, line.trainAccuracy)
      return
    }
    const put = (series: DecimatedSeries, value: number | null | undefined) => {
      if (value !== null && value !== undefined) series.push(line.epoch, value)
    }
    put(part.trainLoss, line.trainLoss)
    put(part.testLoss, line.testLoss)
    put(part.trainAccuracy, line.trainAccuracy)
    put(part.testAccuracy, line.testAccuracy)
  }

  /** A finished or earlier run's metrics.jsonl (runs.detail): label '' is job 'train', else a channel. */
  addHistory(metrics: readonly RunMetricsSeries[]): void {
    for (const { label, lines } of metrics) {
      for (const line of lines) this.addMetrics(label === '' ? 'train' : label, line)
    }
  }

  /**
   * Adds what `live` holds beyond this series' own points (the events that arrived while a run's
   * history was being read), part by part and metric by metric.
   */
  appendNewer(live: RunSeries): void {
    for (const part of live.parts) {
      const mine = this.part(part.job, part.stage)
      for (const metric of seriesMetrics) {
        const after = mine[metric].last?.x ?? Number.NEGATIVE_INFINITY
        for (const point of part[metric].points) if (point.x > after) mine[metric].push(point.x, point.y)
      }
    }
  }

  /** Points drawn for one metric over all parts. */
  count(metric: SeriesMetric): number {
    return this.parts.reduce((sum, part) => sum + part[metric].length, 0)
  }

  hasAny(metric: SeriesMetric): boolean {
    return this.parts.some((part) => part[metric].length > 0)
  }
}

type Listener = (runId: string) => void

/**
 * Every run's series, and who to tell when one changes (the charts, which redraw at most ~10 times a
 * second). Made once per training store; never put inside a reactive object.
 */
export class SeriesBook {
  private readonly runs = new Map<string, RunSeries>()
  private readonly listeners = new Set<Listener>()

  constructor(private readonly cap = 600) {}

  get(runId: string): RunSeries | undefined {
    return this.runs.get(runId)
  }

  has(runId: string): boolean {
    return this.runs.has(runId)
  }

  /** The run's series, created empty when first asked for. */
  of(runId: string): RunSeries {
    let series = this.runs.get(runId)
    if (!series) this.runs.set(runId, (series = new RunSeries(this.cap)))
    return series
  }

  addProgress(runId: string, job: string, progress: ProgressInfo): void {
    this.of(runId).addProgress(job, progress)
    this.changed(runId)
  }

  addMetrics(runId: string, job: string, line: MetricsLine): void {
    this.of(runId).addMetrics(job, line)
    this.changed(runId)
  }

  /**
   * A run's metrics.jsonl as read (runs.detail). It replaces the run's series, keeping the points live
   * events brought beyond it, so history and live events never double a point or rewind a line.
   */
  addHistory(runId: string, metrics: readonly RunMetricsSeries[]): void {
    const fresh = new RunSeries(this.cap)
    fresh.addHistory(metrics)
    const live = this.runs.get(runId)
    if (live) fresh.appendNewer(live)
    this.runs.set(runId, fresh)
    this.changed(runId)
  }

  delete(runId: string): void {
    if (this.runs.delete(runId)) this.changed(runId)
  }

  /** Calls `listener` with the run's id after each change; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private changed(runId: string): void {
    for (const listener of [...this.listeners]) listener(runId)
  }
}
