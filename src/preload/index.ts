// The preload: exposes window.api (built from the contract's channel names) to the isolated renderer.
// Nothing else crosses the bridge.
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './build-api'

contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, request) => ipcRenderer.invoke(channel, request)),
)
