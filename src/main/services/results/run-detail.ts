import type { RunDetail, RunMetricsSeries } from '../../../shared/ipc/lab-types'
import type { TrainingRunInfo } from '../../../shared/training'
import { idleRunInfo, type RunFolder, type RunStore } from '../runs'
import type { ResultsContext } from './run-context'

/** A run no worker touches, as its folder describes it (the supervisor's own summary, for hosts without one). */
export async function folderRunInfo(store: RunStore, runId: string): Promise<TrainingRunInfo> {
  return idleRunInfo(await store.get(runId))
}

/**
 * Everything the Results view needs about a run except pictures: its info (the supervisor's, live,
 * when it has the run; else as its folder describes it), experiment.json, the resolved model, the
 * metrics of each job (the homework's R, G, B channels each have their own) and evaluation.json.
 */
export async function runDetail(
  ctx: ResultsContext,
  run: RunFolder,
  info: TrainingRunInfo,
): Promise<RunDetail> {
  const experiment = await run.readExperiment()
  const task = experiment.task
  const metrics: RunMetricsSeries[] =
    task.kind === 'per-channel-autoencode'
      ? await Promise.all(
          task.channels.map(async (c) => ({ label: c, lines: await run.child(c).readMetrics() })),
        )
      : [{ label: '', lines: await run.readMetrics() }]
  return {
    run: info,
    experiment,
    model: await ctx.modelOf(experiment),
    metrics,
    evaluation: (await run.readEvaluation()) ?? null,
  }
}
