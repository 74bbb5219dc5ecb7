import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import type { ConfusionCell, RunDetail, RunFigure, RunFigures } from '../../../shared/ipc/contract'
import type { TrainingRunInfo } from '../../../shared/training/events'
import { api, onEvent, onReconnect } from '../api'
import { useErrorsStore } from './errors'
import { useSettingsStore } from './settings'

export type TileNormalisation = 'tile' | 'global'

/** A run has results to show once it has trained at least once: finished, or stopped with weights. */
const hasResults = (run: TrainingRunInfo) => run.status !== 'queued'

/**
 * The Results view's run: the workspace's runs (training.list), the chosen one's detail
 * (experiment, model, metrics, evaluation.json) and figures (the SVGs `dllab figures --lang` writes,
 * with tile or global normalisation of the weight tiles), and the confusion-matrix cell opened for
 * a drill-down. Figures speak the UI's language (the setting App.vue makes vue-i18n's locale) and
 * are drawn again when it changes. Events keep it current: training.state updates the list and reloads the chosen run
 * when it finishes; training.epoch refreshes the curves of a running run. Detail, figures and cells
 * are large and read-only, so they sit in shallowRefs, frozen with markRaw.
 */
export const useResultsStore = defineStore('results', () => {
  const settings = useSettingsStore()
  const runs = ref<TrainingRunInfo[]>([])
  const runId = ref<string | null>(null)
  const detail = shallowRef<RunDetail | null>(null)
  const figures = shallowRef<RunFigures | null>(null)
  const normalise = ref<TileNormalisation>('tile')
  const loading = ref(false)
  const loadingFigures = ref(false)
  const cell = ref<{ label: number; predicted: number } | null>(null)
  const cellView = shallowRef<ConfusionCell | null>(null)
  const loadingCell = ref(false)
  // Answers that arrive after the user moved on are dropped.
  let runTicket = 0
  let figuresTicket = 0
  let cellTicket = 0

  const selectable = computed(() => runs.value.filter(hasResults))
  const run = computed(() => runs.value.find((r) => r.runId === runId.value) ?? null)
  const evaluation = computed(() => detail.value?.evaluation ?? null)
  const classification = computed(() => evaluation.value?.classification ?? null)
  const reconstruction = computed(() => evaluation.value?.reconstruction ?? null)
  const training = computed(() => run.value?.status === 'running' || run.value?.status === 'paused')

  /** The figure named `name`, or those whose names start with `prefix-`. */
  function figure(name: string): RunFigure | undefined {
    return figures.value?.figures.find((f) => f.name === name)
  }
  function figuresStartingWith(prefix: string): RunFigure[] {
    return figures.value?.figures.filter((f) => f.name.startsWith(prefix)) ?? []
  }

  async function loadRuns(): Promise<void> {
    try {
      runs.value = await api['training.list']({})
      // Nothing chosen yet (or the chosen run is gone): the newest finished run, else the newest.
      if (!runs.value.some((r) => r.runId === runId.value)) {
        const first = selectable.value.find((r) => r.status === 'finished') ?? selectable.value[0]
        if (first) await select(first.runId)
        else clearRun()
      }
    } catch (error) {
      useErrorsStore().report(error)
    }
  }

  function clearRun(): void {
    runId.value = null
    detail.value = null
    figures.value = null
    closeCell()
  }

  async function select(id: string): Promise<void> {
    const ticket = ++runTicket
    clearRun()
    runId.value = id
    loading.value = true
    try {
      const next = await api['runs.detail']({ runId: id })
      if (ticket === runTicket) detail.value = markRaw(next)
    } catch (error) {
      if (ticket === runTicket) useErrorsStore().report(error)
    } finally {
      if (ticket === runTicket) loading.value = false
    }
    if (ticket === runTicket) await loadFigures()
  }

  async function loadFigures(): Promise<void> {
    const id = runId.value
    if (id === null) return
    const ticket = ++figuresTicket
    loadingFigures.value = true
    try {
      const language = settings.language
      const next = await api['runs.figures']({ runId: id, normalise: normalise.value, language })
      if (ticket === figuresTicket && id === runId.value) figures.value = markRaw(next)
    } catch (error) {
      if (ticket === figuresTicket) useErrorsStore().report(error)
    } finally {
      if (ticket === figuresTicket) loadingFigures.value = false
    }
  }

  // The figures' titles, axes and legends are drawn in the UI's language: a new language, new figures.
  watch(
    () => settings.language,
    () => void loadFigures(),
  )

  async function setNormalise(mode: TileNormalisation): Promise<void> {
    if (mode === normalise.value) return
    normalise.value = mode
    await loadFigures()
  }

  /** The test images of one cell (true class `label`, predicted `predicted`), most confident first. */
  async function openCell(label: number, predicted: number): Promise<void> {
    const id = runId.value
    if (id === null) return
    const ticket = ++cellTicket
    cell.value = { label, predicted }
    cellView.value = null
    loadingCell.value = true
    try {
      const next = await api['runs.confusionCell']({ runId: id, label, predicted, limit: 48 })
      if (ticket === cellTicket) cellView.value = markRaw(next)
    } catch (error) {
      if (ticket === cellTicket) useErrorsStore().report(error)
    } finally {
      if (ticket === cellTicket) loadingCell.value = false
    }
  }

  function closeCell(): void {
    cellTicket++
    cell.value = null
    cellView.value = null
    loadingCell.value = false
  }

  // ── events ─────────────────────────────────────────────────────────────────────────────────────
  let unsubscribe: (() => void)[] = []

  /** Follows main's events until stop() (the view subscribes while it is shown). */
  function listen(): void {
    if (unsubscribe.length > 0) return
    unsubscribe = [
      onEvent('training.state', ({ run: changed }) => {
        const at = runs.value.findIndex((r) => r.runId === changed.runId)
        const before = at >= 0 ? runs.value[at]!.status : undefined
        runs.value = at >= 0 ? runs.value.map((r, i) => (i === at ? changed : r)) : [changed, ...runs.value]
        // The chosen run just finished: its evaluation, weights and figures are there now.
        if (changed.runId === runId.value && before !== changed.status && changed.status === 'finished') {
          void select(changed.runId)
        }
      }),
      onEvent('training.epoch', ({ runId: id }) => {
        if (id === runId.value) void refreshDetail()
      }),
      onReconnect(() => void loadRuns()),
    ]
  }

  function stop(): void {
    for (const off of unsubscribe) off()
    unsubscribe = []
  }

  /** A running run's metrics and curves after an epoch, keeping what is shown until they arrive. */
  async function refreshDetail(): Promise<void> {
    const id = runId.value
    if (id === null) return
    try {
      const next = await api['runs.detail']({ runId: id })
      if (id === runId.value) detail.value = markRaw(next)
    } catch (error) {
      useErrorsStore().report(error)
    }
    await loadFigures()
  }

  return {
    runs,
    runId,
    detail,
    figures,
    normalise,
    loading,
    loadingFigures,
    cell,
    cellView,
    loadingCell,
    selectable,
    run,
    evaluation,
    classification,
    reconstruction,
    training,
    figure,
    figuresStartingWith,
    loadRuns,
    select,
    loadFigures,
    setNormalise,
    openCell,
    closeCell,
    listen,
    stop,
  }
})
