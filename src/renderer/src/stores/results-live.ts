import { defineStore } from 'pinia'
import { computed, markRaw, shallowRef } from 'vue'
import type { PreviewInfo } from '../../../shared/training/worker-messages'
import { onEvent } from '../api'
import { useResultsStore } from './results'

export type ReconstructionPreview = Extract<PreviewInfo, { kind: 'reconstructions' }>
export type PredictionPreview = Extract<PreviewInfo, { kind: 'predictions' }>

/** The latest previews of one job of a run ('train', or the channels 'R', 'G', 'B' of the homework). */
export interface JobPreview {
  job: string
  reconstructions?: ReconstructionPreview
  predictions?: PredictionPreview
}

/** Jobs in the order a run lists them: the single job, or the homework's channels R, G, B. */
const JOB_ORDER = ['train', 'R', 'G', 'B', 'combine']

/**
 * What a training worker shows while it trains (training.preview events): the latest
 * reconstructions of a few test samples (inputs and outputs as flat value arrays) and the latest
 * predictions, per run and job. Only the newest preview of each kind is kept; the arrays are frozen
 * (markRaw) and the map is replaced, not mutated, so a preview costs one shallow update.
 */
export const useLivePreviewStore = defineStore('livePreview', () => {
  const results = useResultsStore()
  const byRun = shallowRef<ReadonlyMap<string, readonly JobPreview[]>>(new Map())
  let unsubscribe: (() => void) | null = null

  function record(runId: string, job: string, preview: PreviewInfo): void {
    const jobs = [...(byRun.value.get(runId) ?? [])]
    const at = jobs.findIndex((j) => j.job === job)
    const previous = at >= 0 ? jobs[at]! : { job }
    const next: JobPreview =
      preview.kind === 'reconstructions'
        ? { ...previous, reconstructions: markRaw(preview) }
        : { ...previous, predictions: markRaw(preview) }
    if (at >= 0) jobs[at] = next
    else jobs.push(next)
    jobs.sort((a, b) => JOB_ORDER.indexOf(a.job) - JOB_ORDER.indexOf(b.job))
    byRun.value = new Map(byRun.value).set(runId, jobs)
  }

  function listen(): void {
    unsubscribe ??= onEvent('training.preview', ({ runId, job, preview }) => record(runId, job, preview))
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  /** The chosen run's previews, one entry per job. */
  const current = computed<readonly JobPreview[]>(() =>
    results.runId === null ? [] : (byRun.value.get(results.runId) ?? []),
  )

  return { byRun, current, record, listen, stop }
})
