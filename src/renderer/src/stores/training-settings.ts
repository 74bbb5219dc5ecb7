import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import type { ExperimentSpec } from '../../../shared/experiment'
import { buildExperiment } from '../components/train/build-experiment'
import {
  defaultDraft,
  draftFromExperiment,
  type ExperimentDraft,
  invalidFields,
} from '../components/train/experiment-draft'
import { limitedCount, mnistTrainImages } from '../components/train/step-log'
import { useDatasetsStore } from './datasets'
import { useModelEditorStore } from './model-editor'

/**
 * The Train view's experiment settings (task, loss, optimizer, epochs, minibatch size, sampling, seed,
 * data, run name) as a draft, and the experiment they make with the model editor's model and the
 * Datasets view's source. Opening a preset on Home fills the draft from the preset's experiment,
 * which is kept as the base for what the form does not show.
 */
export const useTrainingSettingsStore = defineStore('training-settings', () => {
  const draft = ref<ExperimentDraft>(defaultDraft())
  /** The experiment the draft was filled from (a preset's), frozen. */
  const base = shallowRef<unknown>({})
  /** The preset the draft was filled from ("lenet5"), until it is reset. */
  const presetId = ref<string | null>(null)

  const modelEditor = useModelEditorStore()
  const datasets = useDatasetsStore()

  const invalid = computed(() => invalidFields(draft.value))
  /** The preset's own data source when it is not built-in MNIST (the form offers it as a choice). */
  const presetSource = computed(() => {
    const data = (base.value as { data?: { source?: { kind?: string } } }).data
    return data?.source && data.source.kind !== 'mnist' ? data.source : null
  })
  /**
   * At most how many training images an epoch has (for the step lines, see step-log.ts): built-in
   * MNIST's counts, or the Datasets view's inspection of its source; null when not known.
   */
  const trainImages = computed<number | null>(() => {
    const limit = draft.value.perClassLimit
    const choice = draft.value.source
    const source =
      choice === 'datasets' ? datasets.selectedSource : choice === 'preset' ? presetSource.value : null
    if (source === null || source.kind === 'mnist') return mnistTrainImages(limit)
    const inspection = choice === 'datasets' ? datasets.inspection : null
    if (inspection === null) return null
    return inspection.classes.length > 0
      ? limitedCount(
          inspection.classes.map((c) => c.imageCount),
          limit,
        )
      : inspection.trainCount
  })
  const experiment = computed<ExperimentSpec>(() =>
    buildExperiment(
      draft.value,
      modelEditor.spec,
      { source: datasets.selectedSource, preprocess: datasets.preprocess },
      base.value,
      trainImages.value,
    ),
  )
  const runName = computed(() => draft.value.runName.trim() || draft.value.name.trim())
  /** Why Start waits: no valid model, or invalid fields. */
  const blocker = computed<'no-model' | 'invalid-model' | 'invalid-fields' | null>(() => {
    if (modelEditor.isEmpty) return 'no-model'
    if (!modelEditor.isValid) return 'invalid-model'
    return invalid.value.length > 0 ? 'invalid-fields' : null
  })

  function set<K extends keyof ExperimentDraft>(key: K, value: ExperimentDraft[K]): void {
    draft.value[key] = value
  }

  /** Fills the form from an experiment spec (a preset's), keeping it as the base. */
  function fromExperiment(experiment: unknown, id: string | null = null): void {
    draft.value = draftFromExperiment(experiment)
    base.value = markRaw(structuredClone(experiment ?? {}))
    presetId.value = id
  }

  function reset(): void {
    draft.value = defaultDraft()
    base.value = {}
    presetId.value = null
  }

  return {
    draft,
    base,
    presetId,
    invalid,
    presetSource,
    experiment,
    runName,
    blocker,
    set,
    fromExperiment,
    reset,
  }
})
