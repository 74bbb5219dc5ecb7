// The Electron main process: the thin Electron layer over the Electron-free services, IPC dispatch,
// security builders and app:// protocol handler (all unit-tested without Electron).
import { join } from 'node:path'
import { BrowserWindow, app, protocol, session } from 'electron'
import { createDispatch } from './ipc/dispatch'
import { createHandlers } from './ipc/handlers'
import { appSchemePrivileges, createAppProtocolHandler } from './protocol/app-protocol'
import { appIndexUrl, appScheme } from './security/origin'
import { windowOptions } from './security/window-options'
import { hardenSession, hardenWebContents } from './electron/harden'
import { pickFolderWithDialog } from './electron/folder-dialog'
import { registerIpc } from './electron/register-ipc'
import { printPdfWithElectron } from './electron/report-pdf-window'
import { saveFileWithDialog } from './electron/save-dialog'
import { forwardTrainingEvents } from './electron/training-events'
import { utilityWorkerSpawner } from './electron/utility-spawner'
import { createServices } from './services/services'

/** out/ of the build: this file is out/main/index.js. */
const outDir = join(import.meta.dirname, '..')
const rendererDir = join(outDir, 'renderer')
const preloadPath = join(outDir, 'preload', 'index.cjs')

protocol.registerSchemesAsPrivileged([appSchemePrivileges])
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

function createWindow(): void {
  const window = new BrowserWindow(windowOptions(preloadPath))
  window.once('ready-to-show', () => window.show())
  void window.loadURL(appIndexUrl)
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession(session.defaultSession)
  session.defaultSession.protocol.handle(appScheme, createAppProtocolHandler(rendererDir))

  const services = createServices({
    configDir: app.getPath('userData'),
    home: app.getPath('home'),
    documents: app.getPath('documents'),
    locales: app.getPreferredSystemLanguages(),
    host: {
      kind: 'electron',
      pickFolder: pickFolderWithDialog,
      browseStart: async () => (await services.settings.get()).workspace,
      requestedFoldersAreChoices: false,
      saveFile: saveFileWithDialog,
      // the page to print goes to a temporary file in the workspace's cache (removed after printing)
      printPdf: printPdfWithElectron(async () =>
        join((await services.settings.get()).workspace, 'cache', 'reports'),
      ),
    },
    // Training runs in utility processes (out/main/worker.js), never in this process.
    training: {
      spawner: utilityWorkerSpawner(join(import.meta.dirname, 'worker.js')),
      presetsDir: join(app.getAppPath(), 'resources', 'presets'),
    },
  })
  registerIpc(createDispatch(createHandlers(services)))
  const training = services.training
  if (training) {
    forwardTrainingEvents(training)
    // Runs left 'running' by a previous session become resumable (or failed: interrupted).
    void training.open()
    // Closing the app checkpoints every worker before it exits.
    let stopping = false
    app.on('before-quit', (event) => {
      if (stopping) return
      stopping = true
      event.preventDefault()
      void training.shutdown().finally(() => app.quit())
    })
  }

  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  start().catch((error: unknown) => {
    console.error('DL Lab could not start:', error)
    app.exit(1)
  })
}
