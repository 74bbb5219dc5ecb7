// The preload: exposes window.api (built from the contract's channel names) and window.apiEvents
// (subscriptions to the contract's events) to the isolated renderer. Nothing else crosses the bridge.
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './build-api'
import { buildEvents } from './build-events'

contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, request) => ipcRenderer.invoke(channel, request)),
)
contextBridge.exposeInMainWorld('apiEvents', buildEvents(ipcRenderer))
