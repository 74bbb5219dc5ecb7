import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import type { TrainingJobInfo, TrainingRunInfo } from '../../../shared/training/events'
import { api, onEvent, onReconnect } from '../api'
import { SeriesBook } from '../charts/run-series'
import { useErrorsStore } from './errors'

export type RunAction = 'pause' | 'resume' | 'cancel' | 'kill' | 'resumeRun'
export type HistoryState = 'loading' | 'loaded' | 'failed'

const newestFirst = (a: TrainingRunInfo, b: TrainingRunInfo) =>
  a.created < b.created ? 1 : a.created > b.created ? -1 : 0

/**
 * The training dashboard's runs: the workspace's runs as training.list and the training.state events
 * describe them (status, jobs, latest progress), kept current by the events; starting and controlling
 * runs; and each run's chart points, which live in a SeriesBook outside Vue's reactivity (progress
 * events arrive up to ~10 a second per job; the charts redraw on their own schedule).
 *
 * A run's earlier epochs (a finished run, one that trained before this window opened) come from
 * runs.detail when the run is selected or overlaid. `overlay` lists the runs drawn together to compare.
 */
export const useTrainingStore = defineStore('training', () => {
  const runs = ref<TrainingRunInfo[]>([])
  const loaded = ref(false)
  const selectedId = ref<string | null>(null)
  const overlay = ref<string[]>([])
  /** Runs with a request under way (their buttons wait). */
  const busy = ref<string[]>([])
  const starting = ref(false)
  const history = ref<Record<string, HistoryState>>({})
  /** Stage names seen per run and job, by stage index ("pretrain:hidden1", …), for the timeline. */
  const stageNames = ref<Record<string, Record<string, string[]>>>({})
  const book = markRaw(new SeriesBook())

  const selected = computed(() => runs.value.find((run) => run.runId === selectedId.value) ?? null)
  const training = computed(() => runs.value.filter((run) => run.active || run.status === 'queued'))

  function runById(runId: string): TrainingRunInfo | undefined {
    return runs.value.find((run) => run.runId === runId)
  }

  function upsert(info: TrainingRunInfo): void {
    const at = runs.value.findIndex((run) => run.runId === info.runId)
    if (at >= 0) runs.value[at] = info
    else runs.value = [...runs.value, info].sort(newestFirst)
    for (const job of info.jobs) if (job.stage) rememberStage(info.runId, job.job, job.stage)
  }

  function patchJob(runId: string, jobName: string, change: (job: TrainingJobInfo) => void): void {
    const job = runById(runId)?.jobs.find((j) => j.job === jobName)
    if (job) change(job)
  }

  function rememberStage(runId: string, job: string, stage: { name: string; index: number }): void {
    const perRun = (stageNames.value[runId] ??= {})
    const names = (perRun[job] ??= [])
    if (names[stage.index] !== stage.name) names[stage.index] = stage.name
  }

  // ── events ───────────────────────────────────────────────────────────────────────────────────
  onEvent('training.state', ({ run }) => upsert(run))
  onEvent('training.progress', ({ runId, job, progress }) => {
    book.addProgress(runId, job, progress)
    patchJob(runId, job, (j) => {
      j.progress = progress
      j.loading = undefined
    })
  })
  onEvent('training.epoch', ({ runId, job, metrics }) => {
    book.addMetrics(runId, job, metrics)
    const run = runById(runId)
    if (run && run.jobs.length === 1 && metrics.kind === 'epoch') run.lastMetrics = metrics
  })
  onEvent('training.stage', ({ runId, job, stage }) => {
    rememberStage(runId, job, stage)
    patchJob(runId, job, (j) => (j.stage = stage))
  })
  onEvent('training.loading', ({ runId, job, done, total }) => {
    patchJob(runId, job, (j) => (j.loading = { done, total }))
  })
  // Events may have been missed while the connection was away: the list says where runs are now.
  onReconnect(() => void load())

  // ── actions ──────────────────────────────────────────────────────────────────────────────────
  async function load(): Promise<void> {
    try {
      const list = await api['training.list']({})
      runs.value = [...list].sort(newestFirst)
      for (const run of list)
        for (const job of run.jobs) if (job.stage) rememberStage(run.runId, job.job, job.stage)
      loaded.value = true
    } catch (error) {
      useErrorsStore().report(error)
    }
  }

  /** With no run selected (or the selected one gone): the first run training, else the newest. */
  function selectDefault(): void {
    if (selectedId.value !== null && runById(selectedId.value)) return
    const first = training.value[0] ?? runs.value[0]
    if (first) select(first.runId)
  }

  /** Starts a run of `experiment`; it becomes the selected run. Null when the service refused it. */
  async function start(experiment: unknown, name?: string): Promise<TrainingRunInfo | null> {
    starting.value = true
    try {
      const info = await api['training.start']({ experiment, ...(name ? { name } : {}) })
      upsert(info)
      // A new run has no history to read: its points arrive as events.
      history.value[info.runId] = 'loaded'
      selectedId.value = info.runId
      return info
    } catch (error) {
      useErrorsStore().report(error)
      return null
    } finally {
      starting.value = false
    }
  }

  /** Pause, resume, cancel, kill, or continue a stopped run from its checkpoint (resumeRun). */
  async function control(action: RunAction, runId: string): Promise<void> {
    busy.value = [...busy.value, runId]
    try {
      upsert(await api[`training.${action}`]({ runId }))
    } catch (error) {
      useErrorsStore().report(error)
    } finally {
      busy.value = busy.value.filter((id) => id !== runId)
    }
  }

  /** Reads the run's metrics so far (runs.detail) into its series, once. */
  async function loadHistory(runId: string): Promise<void> {
    const state = history.value[runId]
    if (state === 'loading' || state === 'loaded') return
    const run = runById(runId)
    // A queued run has trained nothing yet; its points will come as events.
    if (run && run.status === 'queued' && run.step === undefined) return
    history.value[runId] = 'loading'
    try {
      const detail = await api['runs.detail']({ runId })
      book.addHistory(runId, detail.metrics)
      history.value[runId] = 'loaded'
    } catch (error) {
      history.value[runId] = 'failed'
      useErrorsStore().report(error)
    }
  }

  function select(runId: string): void {
    selectedId.value = runId
    void loadHistory(runId)
  }

  function toggleOverlay(runId: string): void {
    if (overlay.value.includes(runId)) overlay.value = overlay.value.filter((id) => id !== runId)
    else {
      overlay.value = [...overlay.value, runId]
      void loadHistory(runId)
    }
  }

  return {
    runs,
    loaded,
    selectedId,
    selected,
    training,
    overlay,
    busy,
    starting,
    history,
    stageNames,
    book,
    runById,
    load,
    selectDefault,
    start,
    control,
    loadHistory,
    select,
    toggleOverlay,
  }
})
