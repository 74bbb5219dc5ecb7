import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

/**
 * The web preferences of every window the app opens (the main window, the hidden report-PDF window),
 * by the Electron security checklist: sandboxed, isolated from the preload's world, without Node,
 * with web security on, no <webview>, and no features that loosen the sandbox.
 */
export const SAFE_WEB_PREFERENCES = {
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
} as const satisfies WebPreferences

/**
 * The main window's options: SAFE_WEB_PREFERENCES plus the preload (the only bridge, window.api),
 * the one script with IPC access.
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
    webPreferences: { preload: preloadPath, ...SAFE_WEB_PREFERENCES },
  }
}
