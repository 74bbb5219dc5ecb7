import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo } from '../../../shared/ipc/contract'
import { api } from '../api'
import { useErrorsStore } from './errors'

/** What the app is and where it runs (desktop or web mode); decides native vs in-app folder picking. */
export const useAppInfoStore = defineStore('appInfo', () => {
  const info = ref<AppInfo | null>(null)
  const isElectron = computed(() => info.value?.host === 'electron')

  async function load(): Promise<void> {
    try {
      info.value = await api['app.info']({})
    } catch (error) {
      useErrorsStore().report(error)
    }
  }

  return { info, isElectron, load }
})
