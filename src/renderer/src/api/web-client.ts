import { eventNames } from '../../../shared/ipc/channels'
import type { EventName, IpcEvents } from '../../../shared/ipc/contract'
import type { WebResponse } from '../../../shared/ipc/web-protocol'
import { ApiTimeoutError, ConnectionError, remoteError } from './api-error'
import type { SocketConnection, SocketFactory } from './web-socket'

export interface WebClientOptions {
  url: string
  socketFactory: SocketFactory
  /** How long a request may wait for its answer. */
  timeoutMs?: number
  /**
   * Waits before each retry of a connection that could not be opened; then queued requests fail.
   * While anyone listens to events the client keeps retrying, at the last of these delays.
   */
  retryDelaysMs?: readonly number[]
  /** Where a listener's exception goes (it must not stop the other listeners). */
  onListenerError?: (error: unknown) => void
}

type Listener = (payload: unknown) => void
const knownEvents: ReadonlySet<string> = new Set(eventNames)

interface Pending {
  channel: string
  payload: string
  sent: boolean
  timer: ReturnType<typeof setTimeout>
  resolve(response: unknown): void
  reject(error: Error): void
}

/**
 * Web mode's side of the API: requests with ids over one WebSocket, each answered exactly once.
 * Connects on the first request, reconnects on demand after the connection drops, retries a
 * connection that cannot be opened a few times, and times out requests that get no answer.
 *
 * Server events (messages with `event` and `payload` instead of an id) go to the listeners of that
 * event; the first listener opens the connection, and the client keeps it (reconnecting) while any
 * listener remains. Events pushed while the connection was down are lost, so after each reconnect the
 * `onReconnect` callbacks run: they re-fetch what the events would have updated.
 */
export class WebClient {
  private readonly timeoutMs: number
  private readonly retryDelaysMs: readonly number[]
  private readonly pending = new Map<number, Pending>()
  private socket: SocketConnection | null = null
  private state: 'idle' | 'connecting' | 'open' | 'waiting' = 'idle'
  private failedAttempts = 0
  private nextId = 1
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly reconnectListeners = new Set<() => void>()
  private everOpened = false

  constructor(private readonly options: WebClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 120_000
    this.retryDelaysMs = options.retryDelaysMs ?? [200, 1000, 3000]
  }

  request(channel: string, request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new ApiTimeoutError(channel, this.timeoutMs / 1000))
      }, this.timeoutMs)
      const payload = JSON.stringify({ id, channel, request })
      const entry: Pending = { channel, payload, sent: false, timer, resolve, reject }
      this.pending.set(id, entry)
      if (this.state === 'open') this.send(entry)
      else if (this.state === 'idle') this.connect()
    })
  }

  /** Calls `callback` with the payload of each `event` the server pushes; returns the unsubscribe. */
  on<E extends EventName>(event: E, callback: (payload: IpcEvents[E]) => void): () => void {
    if (!knownEvents.has(event)) throw new Error(`Unknown event '${String(event)}'`)
    const listener = callback as Listener
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener)
    if (this.state === 'idle') this.connect()
    return () => {
      this.listeners.get(event)?.delete(listener)
    }
  }

  /** Calls `callback` each time the connection opens again after it was lost; returns the unsubscribe. */
  onReconnect(callback: () => void): () => void {
    const listener = () => callback()
    this.reconnectListeners.add(listener)
    return () => {
      this.reconnectListeners.delete(listener)
    }
  }

  /** Closes the connection; requests still waiting fail. */
  close(): void {
    this.socket?.close()
  }

  private connect(): void {
    this.state = 'connecting'
    this.socket = this.options.socketFactory(this.options.url, {
      open: () => this.onOpen(),
      message: (data) => this.onMessage(data),
      close: () => this.onClose(),
    })
  }

  private send(entry: Pending): void {
    entry.sent = true
    this.socket?.send(entry.payload)
  }

  private onOpen(): void {
    this.state = 'open'
    this.failedAttempts = 0
    for (const entry of this.pending.values()) if (!entry.sent) this.send(entry)
    const reconnected = this.everOpened
    this.everOpened = true
    if (reconnected) for (const listener of [...this.reconnectListeners]) this.callSafely(listener)
  }

  private get listening(): boolean {
    for (const set of this.listeners.values()) if (set.size > 0) return true
    return false
  }

  private callSafely(listener: () => void): void {
    try {
      listener()
    } catch (error) {
      ;(this.options.onListenerError ?? console.error)(error)
    }
  }

  /** A server event: { event: 'training.state', payload: { type: 'state', … } }; anything else is dropped. */
  private dispatch(message: object): void {
    const { event, payload } = message as { event: unknown; payload: unknown }
    if (typeof event !== 'string' || !knownEvents.has(event)) return
    if (typeof payload !== 'object' || payload === null) return
    if ((payload as { type?: unknown }).type !== event.slice('training.'.length)) return
    for (const listener of [...(this.listeners.get(event) ?? [])]) this.callSafely(() => listener(payload))
  }

  private onMessage(data: string): void {
    let message: unknown
    try {
      message = JSON.parse(data)
    } catch {
      return
    }
    if (typeof message !== 'object' || message === null) return
    if ('event' in message) return this.dispatch(message)
    if (!('id' in message)) return
    const response = message as WebResponse
    const entry = this.pending.get(response.id)
    if (!entry) return
    this.settle(response.id, entry)
    if (response.ok) entry.resolve(response.response)
    else entry.reject(remoteError(response.error, entry.channel))
  }

  private onClose(): void {
    const wasOpen = this.state === 'open'
    this.socket = null
    this.state = 'idle'
    for (const [id, entry] of this.pending) {
      if (!entry.sent) continue
      this.settle(id, entry)
      entry.reject(
        new ConnectionError(
          `The connection to DL Lab closed before '${entry.channel}' was answered.`,
          'connection-lost',
          { channel: entry.channel },
        ),
      )
    }
    if (this.pending.size === 0 && !this.listening) return
    if (wasOpen) return this.connect()
    this.failedAttempts += 1
    let delay = this.retryDelaysMs[this.failedAttempts - 1]
    if (delay === undefined) {
      this.giveUp()
      if (!this.listening) return
      delay = this.retryDelaysMs.at(-1) ?? 1000
    }
    this.state = 'waiting'
    setTimeout(() => this.connect(), delay)
  }

  private giveUp(): void {
    this.failedAttempts = 0
    for (const [id, entry] of this.pending) {
      this.settle(id, entry)
      entry.reject(
        new ConnectionError(
          `Cannot connect to DL Lab at ${this.options.url}. If you restarted \`npm run web\`, open the new address it printed.`,
          'connection-failed',
          { url: this.options.url },
        ),
      )
    }
  }

  private settle(id: number, entry: Pending): void {
    clearTimeout(entry.timer)
    this.pending.delete(id)
  }
}
