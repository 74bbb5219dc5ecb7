import { BrowserWindow, dialog } from 'electron'

/** The native folder dialog, attached to the focused window: the chosen folder, or null if cancelled. */
export async function pickFolderWithDialog(title?: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: title ?? 'Choose a folder',
    properties: ['openDirectory', 'createDirectory'],
  }
  const window = BrowserWindow.getFocusedWindow()
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}
