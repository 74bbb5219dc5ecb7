import { BrowserWindow } from 'electron'
import { trainingEventName } from '../../shared/training/events'
import type { Supervisor } from '../supervisor'

/**
 * Pushes the supervisor's events to every window's renderer as IPC events ('training.progress',
 * 'training.state', …; payload: the event), which the preload hands to the `on(event, cb)`
 * subscribers. Returns the function that stops it.
 */
export function forwardTrainingEvents(supervisor: Supervisor): () => void {
  return supervisor.subscribe((event) => {
    const name = trainingEventName(event.type)
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(name, event)
    }
  })
}
