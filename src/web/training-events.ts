import type { WebSocket } from 'ws'
import type { WebEvent } from '../shared/ipc/web-protocol'
import { type TrainingEvent, trainingEventName } from '../shared/training/events'

/**
 * Web mode's side of the training events: each supervisor event goes to every connected page as a
 * WebEvent { event: 'training.progress' | 'training.state' | …, payload: the event }. A page that
 * reads slower than training reports (over MAX_BUFFERED bytes waiting) skips progress, previews and
 * the like until it catches up; it never misses a state change.
 */
export const MAX_BUFFERED = 1 << 20

export function broadcastTrainingEvent(clients: Iterable<WebSocket>, event: TrainingEvent): void {
  const message: WebEvent = { event: trainingEventName(event.type), payload: event }
  const text = JSON.stringify(message)
  for (const client of clients) {
    if (client.readyState !== client.OPEN) continue
    if (event.type !== 'state' && client.bufferedAmount > MAX_BUFFERED) continue
    client.send(text)
  }
}
