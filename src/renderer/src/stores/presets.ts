import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import type { PresetSummary } from '../../../shared/ipc/lab-types'
import { api } from '../api'
import { useErrorsStore } from './errors'
import { useModelEditorStore } from './model-editor'
import { useNavigationStore } from './navigation'
import { useTrainingSettingsStore } from './training-settings'

/**
 * The order of the cards: the lecture's own programs first (実習① DL.py, 実習② AE.py, the homework ⑩),
 * then its convolutional networks, then the autoencoder variants. Presets not named here follow, in
 * the service's order.
 */
const lectureOrder = [
  'lecture-dl',
  'lecture-ae-32',
  'lecture-ae-100',
  'cifar-per-channel',
  'lenet-1989',
  'lenet5',
  'vgg-mini',
  'vgg16',
  'ae-tied',
  'ae-denoising',
  'stacked-ae',
]

export function inLectureOrder(presets: readonly PresetSummary[]): PresetSummary[] {
  const rank = (id: string) => {
    const at = lectureOrder.indexOf(id)
    return at < 0 ? lectureOrder.length : at
  }
  return presets
    .map((preset, index) => ({ preset, index }))
    .sort((a, b) => rank(a.preset.id) - rank(b.preset.id) || a.index - b.index)
    .map(({ preset }) => preset)
}

/**
 * The lecture's exercises (resources/presets) as the Home view's cards. Opening one puts its model
 * into the model editor and its experiment into the Train view's settings, then shows the model.
 * The list is read once and kept frozen (each preset carries its experiment and model spec).
 */
export const usePresetsStore = defineStore('presets', () => {
  const presets = shallowRef<readonly PresetSummary[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  /** The preset opened last. */
  const openedId = ref<string | null>(null)

  async function load(): Promise<void> {
    if (loaded.value || loading.value) return
    loading.value = true
    try {
      presets.value = markRaw(inLectureOrder(await api['presets.list']({})))
      loaded.value = true
    } catch (error) {
      useErrorsStore().report(error)
    } finally {
      loading.value = false
    }
  }

  /**
   * Loads the preset's model into the editor (checked as a model file is) and its experiment into
   * the Train view's settings, and goes to the Model view. False when the model could not be loaded
   * (the editor then shows why and nothing else changes).
   */
  function open(id: string): boolean {
    const preset = presets.value.find((p) => p.id === id)
    if (!preset) return false
    const editor = useModelEditorStore()
    if (!editor.loadText(JSON.stringify(preset.model), `${preset.id}.json`)) {
      useNavigationStore().go('model')
      return false
    }
    useTrainingSettingsStore().fromExperiment(preset.experiment, preset.id)
    openedId.value = id
    useNavigationStore().go('model')
    return true
  }

  return { presets, loading, loaded, openedId, open, load }
})
