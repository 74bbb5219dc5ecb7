/// <reference types="vite/client" />
import type { DlLabApi } from '../../shared/ipc/contract'
import type { WindowEvents } from './api/events'

declare global {
  interface Window {
    /** Exposed by the preload in the desktop app; absent in a plain browser (web mode). */
    api?: DlLabApi
    /** The preload's subscriptions to the events main pushes (desktop app only). */
    apiEvents?: WindowEvents
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
