import { describe, expect, it } from 'vitest'
import { windowOptions } from './window-options'

describe('windowOptions', () => {
  it('follows the Electron security checklist', () => {
    const { webPreferences } = windowOptions('/app/out/preload/index.cjs')
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
    })
  })

  it('sets nothing that loosens the sandbox', () => {
    const prefs = windowOptions('/p.cjs').webPreferences ?? {}
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'webgl']) {
      expect(prefs, key).not.toHaveProperty(key)
    }
  })

  it('shows the window only when it is ready', () => {
    expect(windowOptions('/p.cjs').show).toBe(false)
  })
})
