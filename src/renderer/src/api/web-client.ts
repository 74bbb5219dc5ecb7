import type { WebResponse } from '../../../shared/ipc/web-protocol'
import { ApiError, ApiTimeoutError, ConnectionError } from './api-error'
import type { SocketConnection, SocketFactory } from './web-socket'

export interface WebClientOptions {
  url: string
  socketFactory: SocketFactory
  /** How long a request may wait for its answer. */
  timeoutMs?: number
  /** Waits before each retry of a connection that could not be opened; then queued requests fail. */
  retryDelaysMs?: readonly number[]
}

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
 */
export class WebClient {
  private readonly timeoutMs: number
  private readonly retryDelaysMs: readonly number[]
  private readonly pending = new Map<number, Pending>()
  private socket: SocketConnection | null = null
  private state: 'idle' | 'connecting' | 'open' | 'waiting' = 'idle'
  private failedAttempts = 0
  private nextId = 1

  constructor(private readonly options: WebClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 120_000
    this.retryDelaysMs = options.retryDelaysMs ?? [200, 1000, 3000]
  }

  request(channel: string, request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new ApiTimeoutError(`'${channel}' got no answer within ${this.timeoutMs / 1000} s`))
      }, this.timeoutMs)
      const payload = JSON.stringify({ id, channel, request })
      const entry: Pending = { channel, payload, sent: false, timer, resolve, reject }
      this.pending.set(id, entry)
      if (this.state === 'open') this.send(entry)
      else if (this.state === 'idle') this.connect()
    })
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
  }

  private onMessage(data: string): void {
    let message: unknown
    try {
      message = JSON.parse(data)
    } catch {
      return
    }
    // Messages without an id are server events; no feature listens to them yet.
    if (typeof message !== 'object' || message === null || !('id' in message)) return
    const response = message as WebResponse
    const entry = this.pending.get(response.id)
    if (!entry) return
    this.settle(response.id, entry)
    if (response.ok) entry.resolve(response.response)
    else entry.reject(new ApiError(response.error.message, entry.channel, response.error.name))
  }

  private onClose(): void {
    const wasOpen = this.state === 'open'
    this.socket = null
    this.state = 'idle'
    for (const [id, entry] of this.pending) {
      if (!entry.sent) continue
      this.settle(id, entry)
      entry.reject(
        new ConnectionError(`The connection to DL Lab closed before '${entry.channel}' was answered.`),
      )
    }
    if (this.pending.size === 0) return
    if (wasOpen) return this.connect()
    this.failedAttempts += 1
    const delay = this.retryDelaysMs[this.failedAttempts - 1]
    if (delay === undefined) return this.giveUp()
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
        ),
      )
    }
  }

  private settle(id: number, entry: Pending): void {
    clearTimeout(entry.timer)
    this.pending.delete(id)
  }
}
