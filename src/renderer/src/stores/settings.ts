import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Language, Settings } from '../../../shared/ipc/contract'
import { api } from '../api'
import { useErrorsStore } from './errors'

const defaults = { workspace: null, language: 'en' } as const

/**
 * The user's settings as the service keeps them. A change shows at once and is saved through
 * settings.update; one the service refuses is rolled back to what the service last confirmed.
 */
export const useSettingsStore = defineStore('settings', () => {
  const loaded = ref(false)
  const workspace = ref<string | null>(defaults.workspace)
  const language = ref<Language>(defaults.language)
  let confirmed: Settings | null = null
  // Overlapping updates: only the latest one decides what is shown.
  let latest = 0

  function show(settings: Settings | null): void {
    workspace.value = settings?.workspace ?? defaults.workspace
    language.value = settings?.language ?? defaults.language
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

  return { loaded, workspace, language, load, setLanguage, setWorkspace }
})
