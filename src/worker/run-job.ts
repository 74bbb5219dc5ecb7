import { RunFolder } from '../main/services/runs'
import { parseExperiment } from '../shared/experiment'
import type { StartMessage, WorkerMessage } from '../shared/training/protocol'
import { activateKernels } from './kernels'
import { checkpointPath, evaluationSummary, previewInfo, progressInfo } from './messages'
import { prepareResume, resetMetrics } from './resume-point'
import { loadTrainingData } from './training-data'
import { combineChannels, runTraining, type TrainingControl, TrainingError } from './training'

/**
 * One job of a run, as a 'start' message asks: load the data, then train (from the start or from the
 * latest checkpoint) or recombine a per-channel run's channels. The trainer's callbacks become
 * protocol messages through `emit`; the caller throttles progress. Resolves with the 'done' message.
 */
export type DoneMessage = Extract<WorkerMessage, { type: 'done' }>

export interface JobContext {
  control: TrainingControl
  emit(message: WorkerMessage): void
  /** Aborted when the job must stop at once (cancel while loading the data). */
  signal: AbortSignal
}

const cancelled = (epoch = 0, step = 0): DoneMessage => ({ type: 'done', status: 'cancelled', epoch, step })

export async function runJob(start: StartMessage, context: JobContext): Promise<DoneMessage> {
  const { control, emit } = context
  const experiment = parseExperiment(start.experiment)
  const run = new RunFolder(start.runId, start.runDir)
  const { job } = start
  const perChannel = experiment.task.kind === 'per-channel-autoencode'
  if (perChannel && job.kind === 'train') {
    throw new TrainingError(
      `run ${start.runId}: a per-channel-autoencode run trains as one 'channel' job per channel, ` +
        `then a 'combine' job; a 'train' job cannot run it`,
    )
  }
  if (!perChannel && job.kind !== 'train') {
    throw new TrainingError(`run ${start.runId}: a '${job.kind}' job needs a per-channel-autoencode run`)
  }

  let data
  try {
    data = await loadTrainingData(experiment, {
      ...(start.cacheDir ? { cacheDir: start.cacheDir } : {}),
      onProgress: (done, total) => emit({ type: 'loading', done, total }),
      signal: context.signal,
    })
  } catch (error) {
    if (control.cancelled) return cancelled()
    throw error
  }
  const { dataset } = data
  const kernels = await activateKernels(start.kernels, start.threads)
  emit({
    type: 'data',
    trainCount: dataset.trainY.length,
    testCount: dataset.testY?.length ?? 0,
    sampleShape: [...dataset.sampleShape],
    classes: [...dataset.classes],
    skipped: data.skipped,
    fromCache: data.fromCache,
    kernels: kernels.kernels,
    ...(kernels.note ? { kernelsNote: kernels.note.slice(0, 2000) } : {}),
  })
  if (control.cancelled) return cancelled()

  if (job.kind === 'combine') {
    const evaluation = await combineChannels({ experiment, model: start.model, dataset, run })
    return { type: 'done', status: 'finished', epoch: 0, step: 0, evaluation: evaluationSummary(evaluation) }
  }

  const channel = job.kind === 'channel' ? job.channel : undefined
  const output = channel ? run.child(channel) : run
  const resume = start.resume ? await prepareResume(output) : undefined
  if (!resume) await resetMetrics(output)
  const result = await runTraining({
    experiment,
    ...(start.model !== undefined ? { model: start.model } : {}),
    dataset,
    run,
    control,
    ...(channel ? { channel } : {}),
    ...(resume ? { resumeFrom: resume.bytes } : {}),
    ...(start.previewCount !== undefined ? { previewCount: start.previewCount } : {}),
    onProgress: (p) => emit({ type: 'progress', progress: progressInfo(p) }),
    onEpoch: (metrics) => emit({ type: 'epoch', metrics }),
    onStage: (s) => emit({ type: 'stage', name: s.name, index: s.index, total: s.count }),
    onCheckpoint: (c) =>
      emit({
        type: 'checkpoint',
        stage: c.stage,
        name: c.name,
        path: checkpointPath(c.stage, c.name),
        epoch: c.epoch,
        batch: c.batch,
        step: c.step,
      }),
    onPreview: (p) => {
      const preview = previewInfo(p)
      if (preview) emit({ type: 'preview', preview })
    },
  })
  return {
    type: 'done',
    status: result.status,
    epoch: result.epoch,
    step: result.step,
    ...(result.checkpoint ? { checkpoint: result.checkpoint } : {}),
    ...(result.evaluation ? { evaluation: evaluationSummary(result.evaluation) } : {}),
  }
}
