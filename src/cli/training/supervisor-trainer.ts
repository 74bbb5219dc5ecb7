import type { ParsedExperiment } from '../../shared/experiment'
import { resolveModel } from '../../shared/experiment'
import { nodeWorkerSpawner, Supervisor } from '../../main/supervisor'
import type { CliContext } from '../context'
import type { CliTrainer } from './trainer'

/**
 * The CLI's trainer: the same Supervisor the desktop app and web mode use, with workers as Node child
 * processes. One run per command; a per-channel run trains its three channels in parallel (up to the
 * number of cores). Workers ignore the terminal's Ctrl-C (it signals the whole process group): the
 * CLI hears it and asks them to checkpoint and stop.
 */
export function supervisorTrainer(ctx: CliContext, workspace: string): CliTrainer {
  const supervisor = new Supervisor({
    spawner: nodeWorkerSpawner(ctx.workerScript ? { script: ctx.workerScript } : {}),
    workspace: () => workspace,
    resolveModel: async (experiment: ParsedExperiment) =>
      resolveModel(experiment, (await ctx.presets()).models),
    onError: (error) => ctx.warn(error instanceof Error ? error.message : String(error)),
  })
  return {
    start: (experiment, options) => supervisor.start(experiment, options),
    resume: (runId) => supervisor.resumeRun(runId),
    cancel: async (runId) => void (await supervisor.cancel(runId)),
    kill: async (runId) => void (await supervisor.kill(runId)),
    subscribe: (listener) => supervisor.subscribe(listener),
    settled: (runId) => supervisor.settled(runId),
    close: () => supervisor.shutdown(),
  }
}
