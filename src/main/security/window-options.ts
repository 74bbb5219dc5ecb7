import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The main window's options, by the Electron security checklist: the renderer is sandboxed, isolated
 * from the preload's world, without Node, with web security on, no <webview>, and no features that
 * loosen the sandbox. The preload (the only bridge, window.api) is the one script with IPC access.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'DL Lab',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  }
}
