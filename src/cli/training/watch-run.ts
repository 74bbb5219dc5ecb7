import { join } from 'node:path'
import type { TrainingEvent, TrainingRunInfo } from '../../shared/training'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import { groupDigits, percent, short } from '../format/table'
import { ProgressView } from './progress-view'
import type { CliTrainer } from './trainer'

/**
 * Starts (or resumes) a run, shows its progress until it ends, and says how it ended. The first
 * Ctrl-C asks the worker to write a checkpoint of its exact position and stop (the run stays
 * resumable: `dllab resume RUN` ends with the same weights as an uninterrupted run); a second one
 * ends it at once, keeping only the checkpoints already written.
 */
export async function watchRun(
  ctx: CliContext,
  trainer: CliTrainer,
  workspace: string,
  begin: () => Promise<TrainingRunInfo>,
): Promise<number> {
  const early: TrainingEvent[] = []
  let view: ProgressView | undefined
  const unsubscribe = trainer.subscribe((event) => (view ? view.handle(event) : early.push(event)))
  let interrupts = 0
  let runId: string | undefined
  const stop = () => {
    if (!runId) return
    if (interrupts === 1) {
      view?.log('Ctrl-C: writing a checkpoint and stopping… (Ctrl-C again stops at once, without one)')
      void trainer.cancel(runId).catch((e: unknown) => ctx.warn((e as Error).message))
    } else {
      view?.log('Ctrl-C again: stopping at once')
      void trainer.kill(runId).catch((e: unknown) => ctx.warn((e as Error).message))
    }
  }
  const offInterrupt = ctx.io.onInterrupt(() => {
    interrupts++
    stop()
  })
  try {
    const info = await begin()
    runId = info.runId
    const dir = join(workspace, 'runs', info.runId)
    ctx.io.stderr.write(`Run ${info.runId} (${info.name}): ${info.status} — ${dir}\n`)
    view = new ProgressView(ctx.io.stderr, info.runId)
    for (const event of early.splice(0)) view.handle(event)
    if (interrupts > 0) stop()
    const end = await trainer.settled(info.runId)
    view.done()
    return report(ctx, end, dir, interrupts > 0)
  } finally {
    view?.done()
    offInterrupt()
    unsubscribe()
    await trainer.close()
  }
}

function report(ctx: CliContext, end: TrainingRunInfo, dir: string, interrupted: boolean): number {
  const id = end.runId
  // A run of one job has an epoch and step; a run of several (the homework's R, G, B and combine) has jobs.
  const where =
    end.epoch !== undefined
      ? ` (epoch ${end.epoch}, step ${groupDigits(end.step ?? 0)})`
      : end.jobs.length > 1
        ? ` (${end.jobs.length} jobs: ${end.jobs.map((j) => j.job).join(', ')})`
        : ''
  switch (end.status) {
    case 'finished': {
      const e = end.evaluation
      let result = ''
      if (e?.accuracy !== undefined) {
        result = `; ${e.split} accuracy ${percent(e.accuracy)} (正解数 ${e.correct} / ${e.total})`
      } else if (e?.meanSse !== undefined) {
        result = `; ${e.split} reconstruction error ${short(e.meanSse)} per image (SSE), MSE ${short(e.mse ?? NaN)}`
      }
      ctx.out(`Run ${id} finished${where}${result}.`)
      ctx.out(`Its files: ${dir}`)
      ctx.out(`Next: dllab eval ${id}    dllab figures ${id}`)
      return EXIT.ok
    }
    case 'cancelled':
    case 'paused': {
      const at = end.checkpoint ? ` at checkpoint ${end.checkpoint}` : ''
      ctx.out(`Run ${id} stopped${at}${where}. Continue it with: dllab resume ${id}`)
      return interrupted ? EXIT.interrupted : EXIT.failed
    }
    case 'failed':
      throw new CliError(
        `run ${id} failed: ${end.reason ?? 'no reason given'}` +
          (end.checkpoint
            ? `; its last checkpoint ${end.checkpoint} is kept: \`dllab resume ${id}\` continues from it`
            : ''),
      )
    default:
      throw new CliError(`run ${id} ended in state '${end.status}'`)
  }
}
