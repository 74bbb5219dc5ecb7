import { BrowserWindow, dialog } from 'electron'
import { saveWithDialog } from './save-file'

/** HostAdapter.saveFile in the desktop app: the native save dialog on the focused window, then an atomic write. */
export function saveFileWithDialog(defaultName: string, bytes: Uint8Array): Promise<string | null> {
  return saveWithDialog(defaultName, bytes, async (options) => {
    const window = BrowserWindow.getFocusedWindow()
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return result.canceled ? null : (result.filePath ?? null)
  })
}
