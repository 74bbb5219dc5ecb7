import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import type { FeatureMapsView, Im2colView } from '../../../shared/ipc/contract'
import { api } from '../api'
import { checkSpec } from '../components/model-editor/spec-check'
import { useErrorsStore } from './errors'
import { useResultsStore } from './results'
import { useSettingsStore } from './settings'

/** A convolution layer of the run's model, with what the im2col inspector needs to bound its choices. */
export interface ConvLayerChoice {
  name: string
  /** The layer's output (K, Y, X): the patch position runs over Y × X. */
  outputShape: number[]
}

export interface Im2colChoice {
  layer: string
  sample: number
  y: number
  x: number
  /** Output positions per side of the patch (1 … 4). */
  size: number
}

/**
 * Looking inside the chosen run's network for one test sample: the feature maps (特徴マップ) after
 * each layer, and the im2col inspector of one convolution layer (X', F and U' = F X' for a small
 * patch). Follows the results store's run: choosing another run clears both. The maps' titles are
 * in the UI's language (the settings' language, vue-i18n's locale).
 */
export const useResultsInspectStore = defineStore('resultsInspect', () => {
  const results = useResultsStore()
  const settings = useSettingsStore()
  const featureSample = ref(0)
  const featureMaps = shallowRef<FeatureMapsView | null>(null)
  const loadingFeatureMaps = ref(false)
  const im2colChoice = ref<Im2colChoice>({ layer: '', sample: 0, y: 0, x: 0, size: 2 })
  const im2col = shallowRef<Im2colView | null>(null)
  const loadingIm2col = ref(false)
  let featureTicket = 0
  let im2colTicket = 0

  /** The model's convolution layers with their output shapes (the engine's names and shape rules). */
  const convLayers = computed<ConvLayerChoice[]>(() => {
    const model = results.detail?.model
    if (!model) return []
    return checkSpec(model)
      .layers.filter((l) => l.type === 'conv2d')
      .map((l) => ({ name: l.name, outputShape: [...l.outputShape] }))
  })

  /** How many test samples there are to choose from (evaluation.json's total), if known. */
  const sampleCount = computed(() => {
    const evaluation = results.evaluation
    return evaluation?.classification?.total ?? evaluation?.reconstruction?.samples ?? null
  })

  watch(
    () => results.runId,
    () => {
      featureTicket++
      im2colTicket++
      featureMaps.value = null
      im2col.value = null
      loadingFeatureMaps.value = false
      loadingIm2col.value = false
      featureSample.value = 0
      im2colChoice.value = { layer: '', sample: 0, y: 0, x: 0, size: 2 }
    },
  )

  // The maps' titles are in the UI's language: shown maps are drawn again when it changes.
  watch(
    () => settings.language,
    () => {
      if (featureMaps.value) void loadFeatureMaps(featureMaps.value.sample.index)
    },
  )

  async function loadFeatureMaps(sample = featureSample.value): Promise<void> {
    const runId = results.runId
    if (runId === null) return
    const ticket = ++featureTicket
    featureSample.value = sample
    loadingFeatureMaps.value = true
    try {
      const next = await api['runs.featureMaps']({ runId, sample, language: settings.language })
      if (ticket === featureTicket) featureMaps.value = markRaw(next)
    } catch (error) {
      if (ticket === featureTicket) useErrorsStore().report(error)
    } finally {
      if (ticket === featureTicket) loadingFeatureMaps.value = false
    }
  }

  /** Changes the inspector's choice; the layer defaults to the first convolution. */
  function choose(change: Partial<Im2colChoice>): void {
    im2colChoice.value = { ...im2colChoice.value, ...change }
  }

  async function loadIm2col(): Promise<void> {
    const runId = results.runId
    if (runId === null) return
    const choice = { ...im2colChoice.value }
    if (choice.layer === '') choice.layer = convLayers.value[0]?.name ?? ''
    if (choice.layer === '') return
    im2colChoice.value = choice
    const ticket = ++im2colTicket
    loadingIm2col.value = true
    try {
      const next = await api['runs.im2col']({ runId, ...choice })
      if (ticket === im2colTicket) im2col.value = markRaw(next)
    } catch (error) {
      if (ticket === im2colTicket) useErrorsStore().report(error)
    } finally {
      if (ticket === im2colTicket) loadingIm2col.value = false
    }
  }

  return {
    featureSample,
    featureMaps,
    loadingFeatureMaps,
    im2colChoice,
    im2col,
    loadingIm2col,
    convLayers,
    sampleCount,
    loadFeatureMaps,
    choose,
    loadIm2col,
  }
})
