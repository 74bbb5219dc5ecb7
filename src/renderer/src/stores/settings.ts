import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Language, Settings } from '../../../shared/ipc/contract'
import { api } from '../api'
import { useErrorsStore } from './errors'

/** Shown until the service answers; its own default of trainingProcesses is the number of cores. */
const defaults = { workspace: null, language: 'en', trainingProcesses: 1 } as const

/**
 * The user's settings as the service keeps them. A change shows at once and is saved through
 * settings.update; one the service refuses is rolled back to what the service last confirmed.
 */
export const useSettingsStore = defineStore('settings', () => {
  const loaded = ref(false)
  const workspace = ref<string | null>(defaults.workspace)
  const language = ref<Language>(defaults.language)
  /** How many runs train at once; later runs wait in the queue. 1 … 16. */
  const trainingProcesses = ref<number>(defaults.trainingProcesses)
  let confirmed: Settings | null = null
  // Overlapping updates: only the latest one decides what is shown.
  let latest = 0

  function show(settings: Settings | null): void {
    workspace.value = settings?.workspace ?? defaults.workspace
    language.value = settings?.language ?? defaults.language
    trainingProcesses.value = settings?.trainingProcesses ?? defaults.trainingProcesses
  }

  async function load(): Promise<void> {
    try {
      confirmed = await api['settings.get']({})
      show(confirmed)
      loaded.value = true
    } catch (error) {
      useErrorsStore().report(error)
    }
  }

  async function update(change: Partial<Settings>): Promise<boolean> {
    const ticket = ++latest
    if (change.workspace !== undefined) workspace.value = change.workspace
    if (change.language !== undefined) language.value = change.language
    if (change.trainingProcesses !== undefined) trainingProcesses.value = change.trainingProcesses
    try {
      confirmed = await api['settings.update'](change)
      if (ticket === latest) show(confirmed)
      loaded.value = true
      return true
    } catch (error) {
      if (ticket === latest) show(confirmed)
      useErrorsStore().report(error)
      return false
    }
  }

  const setLanguage = (next: Language) => update({ language: next })
  const setWorkspace = (path: string) => update({ workspace: path })
  const setTrainingProcesses = (count: number) => update({ trainingProcesses: count })

  return {
    loaded,
    workspace,
    language,
    trainingProcesses,
    load,
    setLanguage,
    setWorkspace,
    setTrainingProcesses,
  }
})
