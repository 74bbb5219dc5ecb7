import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import type { FolderScan } from '../../../shared/ipc/contract'
import { api } from '../api'
import { useErrorsStore } from './errors'

/**
 * The dataset folder being looked at: its path, the service's scan (classes with counts and
 * thumbnails, unreadable files) and whether a scan is running. The scan holds big data: URLs, so it
 * is kept out of deep reactivity.
 */
export const useDatasetsStore = defineStore('datasets', () => {
  const folder = ref<string | null>(null)
  const scan = shallowRef<FolderScan | null>(null)
  const scanning = ref(false)
  // A later scan supersedes an earlier one still running.
  let latest = 0

  async function scanFolder(path: string): Promise<void> {
    const ticket = ++latest
    folder.value = path
    scan.value = null
    scanning.value = true
    try {
      const result = await api['datasets.scanFolder']({ path })
      if (ticket === latest) scan.value = markRaw(result)
    } catch (error) {
      if (ticket === latest) useErrorsStore().report(error)
    } finally {
      if (ticket === latest) scanning.value = false
    }
  }

  async function rescan(): Promise<void> {
    if (folder.value !== null) await scanFolder(folder.value)
  }

  return { folder, scan, scanning, scanFolder, rescan }
})
