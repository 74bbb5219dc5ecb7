import { analyzeModelSpec, type ParsedModelSpec, type ShapeSummary } from '../../../engine'
import type { EvaluationFile, ParsedExperiment, RunStatus } from '../../../shared/experiment'
import type { RunMetricsSeries } from '../../../shared/ipc/lab-types'
import type { RunFolder } from '../runs'

/** Everything a run report shows except its figures, read from the run folder. */
export interface RunReportData {
  runId: string
  /** The run's name (run.json; chosen by the user). */
  name: string
  /** ISO 8601 time the run was created. */
  created: string
  status: RunStatus | 'queued'
  reason?: string
  experiment: ParsedExperiment
  /** The model trained, resolved, and its shapes and parameter counts. */
  model: ParsedModelSpec
  shapes: ShapeSummary
  /** Epoch lines only; label '' for single-job runs, 'R' | 'G' | 'B' for the homework's channels. */
  metrics: RunMetricsSeries[]
  evaluation: EvaluationFile | null
  app: { name: string; version: string }
  /** ISO 8601 time the report was made. */
  generated: string
}

export interface ReportSources {
  run: RunFolder
  modelOf(experiment: ParsedExperiment): Promise<ParsedModelSpec>
  app: { name: string; version: string }
  now?: () => Date
}

export async function readRunReport(sources: ReportSources): Promise<RunReportData> {
  const { run } = sources
  const [info, state, experiment] = await Promise.all([run.readInfo(), run.readState(), run.readExperiment()])
  const { spec, summary } = analyzeModelSpec(await sources.modelOf(experiment))
  const task = experiment.task
  const jobs =
    task.kind === 'per-channel-autoencode' ? task.channels.map((c) => [c, run.child(c)] as const) : []
  const series = await Promise.all(
    (jobs.length > 0 ? jobs : [['', run] as const]).map(async ([label, folder]) => ({
      label,
      lines: (await folder.readMetrics()).filter((line) => line.kind === 'epoch'),
    })),
  )
  return {
    runId: run.id,
    name: info.name,
    created: info.created,
    status: state?.status ?? 'queued',
    ...(state?.reason !== undefined ? { reason: state.reason } : {}),
    experiment,
    model: spec,
    shapes: summary,
    metrics: series,
    evaluation: (await run.readEvaluation()) ?? null,
    app: sources.app,
    generated: (sources.now ?? (() => new Date()))().toISOString(),
  }
}
