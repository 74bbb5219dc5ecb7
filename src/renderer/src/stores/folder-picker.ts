import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { DirectoryListing } from '../../../shared/ipc/contract'
import { api } from '../api'
import { useAppInfoStore } from './app-info'
import { useErrorsStore } from './errors'

export interface PickOptions {
  /** Shown as the dialog's title. */
  title: string
  /** Folder to start in; the user's home folder when absent. */
  start?: string | null
}

/**
 * Picking a folder: the system dialog in the desktop app; in web mode the in-app folder browser,
 * whose state lives here (the folder shown, its sub-folders). pick() resolves with the chosen path,
 * or null when the user cancels.
 */
export const useFolderPickerStore = defineStore('folderPicker', () => {
  const browsing = ref(false)
  const title = ref('')
  const listing = shallowRef<DirectoryListing | null>(null)
  const loading = ref(false)
  let settle: ((path: string | null) => void) | null = null
  // When folders are opened in quick succession, the last one opened is shown.
  let latest = 0

  async function pick(options: PickOptions): Promise<string | null> {
    if (useAppInfoStore().isElectron) {
      try {
        return (await api['folders.pick']({ title: options.title })).path
      } catch (error) {
        useErrorsStore().report(error)
        return null
      }
    }
    settle?.(null)
    title.value = options.title
    listing.value = null
    browsing.value = true
    const chosen = new Promise<string | null>((resolve) => (settle = resolve))
    // A start folder that is gone (or not made yet, like a new workspace) quietly falls back to home.
    const started = options.start ? await openFolder(options.start, { quiet: true }) : false
    if (!started) await openFolder(undefined)
    return chosen
  }

  /**
   * Shows a folder's sub-folders; no path: the home folder. False when it cannot be read, which is
   * reported unless `quiet`.
   */
  async function openFolder(path: string | undefined, { quiet = false } = {}): Promise<boolean> {
    const ticket = ++latest
    loading.value = true
    try {
      const next = await api['folders.list'](path === undefined ? {} : { path })
      if (browsing.value && ticket === latest) listing.value = next
      return true
    } catch (error) {
      if (!quiet) useErrorsStore().report(error)
      return false
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  async function goUp(): Promise<void> {
    const parent = listing.value?.parent
    if (parent) await openFolder(parent)
  }

  function finish(path: string | null): void {
    browsing.value = false
    listing.value = null
    const resolve = settle
    settle = null
    resolve?.(path)
  }

  const choose = () => finish(listing.value?.path ?? null)
  const cancel = () => finish(null)

  return { browsing, title, listing, loading, pick, openFolder, goUp, choose, cancel }
})
