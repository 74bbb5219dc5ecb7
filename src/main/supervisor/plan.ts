import { access } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import type { ParsedExperiment } from '../../shared/experiment'
import type { TrainingJob, TrainingJobName } from '../../shared/training'
import type { RunFolder } from '../services/runs'
import { SupervisorError } from './errors'

/**
 * The jobs a run needs, from what its folder holds: a classify / autoencode / pretrain-stack run is
 * one 'train' job; a per-channel-autoencode run one job per channel (trained in parallel), then
 * 'combine'. A job continues from its latest checkpoint when it has one; a channel whose weights.npz
 * and evaluation.json exist is finished and not trained again.
 */
export interface PlannedJob {
  name: TrainingJobName
  job: TrainingJob
  resume: boolean
  /** Already done (a finished channel of an interrupted run). */
  finished: boolean
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

export async function planJobs(folder: RunFolder, experiment: ParsedExperiment): Promise<PlannedJob[]> {
  const task = experiment.task
  if (task.kind !== 'per-channel-autoencode') {
    const resume = (await folder.latestCheckpoint()) !== undefined
    return [{ name: 'train', job: { kind: 'train' }, resume, finished: false }]
  }
  const jobs: PlannedJob[] = []
  for (const channel of task.channels) {
    const child = folder.child(channel)
    const finished =
      (await exists(child.file('weights.npz'))) && (await exists(child.file('evaluation.json')))
    const resume = !finished && (await child.latestCheckpoint()) !== undefined
    jobs.push({ name: channel, job: { kind: 'channel', channel }, resume, finished })
  }
  jobs.push({ name: 'combine', job: { kind: 'combine' }, resume: false, finished: false })
  return jobs
}

/** Whether any job of the run has a checkpoint or is finished (an interrupted run can go on). */
export function hasProgress(jobs: readonly PlannedJob[]): boolean {
  return jobs.some((j) => j.resume || j.finished)
}

/** Every file or folder the experiment's data section names. */
export function dataPaths(experiment: ParsedExperiment): { field: string; path: string }[] {
  return sourcePaths(experiment.data.source)
}

/** Every file or folder a data source names; fields as paths in the experiment ("data.source.train"). */
export function sourcePaths(source: ParsedExperiment['data']['source']): { field: string; path: string }[] {
  const field = (name: string, path: string | undefined) =>
    path === undefined ? [] : [{ field: `data.source.${name}`, path }]
  switch (source.kind) {
    case 'folder':
      return [...field('train', source.train), ...field('test', source.test)]
    case 'idx':
      return [
        ...field('trainImages', source.trainImages),
        ...field('trainLabels', source.trainLabels),
        ...field('testImages', source.testImages),
        ...field('testLabels', source.testLabels),
      ]
    case 'cifar-binary':
      return [
        ...source.trainBatches.flatMap((p, i) => field(`trainBatches[${i}]`, p)),
        ...field('testBatch', source.testBatch),
      ]
    case 'mnist':
      return []
  }
}

/** A worker runs in its own working folder: the data paths must not depend on it. */
export function checkDataPathsAbsolute(experiment: ParsedExperiment): void {
  const relative = dataPaths(experiment).filter((p) => !isAbsolute(p.path))
  if (relative.length > 0) {
    const list = relative.map((p) => `${p.field} "${p.path}"`).join(', ')
    throw new SupervisorError(
      `experiment '${experiment.name}': ${list} must be absolute; choose the data folder again so the ` +
        `experiment names its full path`,
    )
  }
}
