import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelName } from '../../../shared/ipc/contract'
import type { WebRequest, WebServerMessage } from '../../../shared/ipc/web-protocol'
import { createFakeApi, type FakeApi } from '../test-support/fake-api'
import { ApiError, ApiTimeoutError, ConnectionError } from './api-error'
import { WebClient } from './web-client'
import type { SocketFactory, SocketHandlers } from './web-socket'

/**
 * A web-mode server in memory: it accepts or refuses connections, and answers each request with
 * the fake service, as the real server does (ok/response or ok:false/error with name and message).
 */
class FakeServer {
  accepting = true
  /** When false, requests are received but never answered. */
  answering = true
  connections = 0
  readonly received: WebRequest[] = []
  private client: SocketHandlers | null = null

  constructor(readonly service: FakeApi) {}

  readonly factory: SocketFactory = (_url, handlers) => {
    this.connections += 1
    const accepted = this.accepting
    setTimeout(() => {
      if (!accepted) return handlers.close()
      this.client = handlers
      handlers.open()
    }, 1)
    return {
      send: (data) => void this.receive(JSON.parse(data) as WebRequest),
      close: () => this.drop(),
    }
  }

  /** The connection drops (server restarted, laptop slept …). */
  drop(): void {
    const client = this.client
    this.client = null
    client?.close()
  }

  private async receive(request: WebRequest): Promise<void> {
    this.received.push(request)
    if (!this.answering) return
    const client = this.client
    const method = this.service[request.channel as ChannelName] as (r: unknown) => Promise<unknown>
    let message: WebServerMessage
    try {
      message = { id: request.id, ok: true, response: await method(request.request) }
    } catch (error) {
      const { name, message: text } = error as Error
      message = { id: request.id, ok: false, error: { name, message: text } }
    }
    client?.message(JSON.stringify({ event: 'noise', payload: null }))
    client?.message(JSON.stringify(message))
  }
}

function setup(options: { timeoutMs?: number } = {}) {
  const server = new FakeServer(createFakeApi({ files: { data: { cats: {} } } }))
  const client = new WebClient({
    url: 'ws://127.0.0.1:1234/api',
    socketFactory: server.factory,
    retryDelaysMs: [10, 20],
    ...options,
  })
  return { server, client }
}

describe('WebClient', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('connects on the first request and matches answers to requests by id', async () => {
    const { server, client } = setup()
    expect(server.connections).toBe(0)
    const info = client.request('app.info', {})
    const listing = client.request('folders.list', { path: '/data' })
    await vi.runAllTimersAsync()
    await expect(listing).resolves.toEqual({
      path: '/data',
      parent: '/',
      folders: [{ name: 'cats', path: '/data/cats' }],
    })
    await expect(info).resolves.toMatchObject({ name: 'DL Lab' })
    expect(server.connections).toBe(1)
    expect(server.received.map((r) => [r.id, r.channel])).toEqual([
      [1, 'app.info'],
      [2, 'folders.list'],
    ])
  })

  it("rejects with an ApiError carrying the service's message", async () => {
    const { client } = setup()
    const listing = client.request('folders.list', { path: '/missing' })
    const failure = expect(listing).rejects.toThrow(ApiError)
    await vi.runAllTimersAsync()
    await failure
    const error = await listing.catch((e: unknown) => e)
    expect(error).toMatchObject({ message: 'Folder not found: /missing', channel: 'folders.list' })
  })

  it('times out a request that gets no answer', async () => {
    const { server, client } = setup({ timeoutMs: 5000 })
    server.answering = false
    const info = client.request('app.info', {})
    const failure = expect(info).rejects.toThrow(new ApiTimeoutError("'app.info' got no answer within 5 s"))
    await vi.advanceTimersByTimeAsync(5001)
    await failure
  })

  it('fails requests in flight when the connection drops, and reconnects for the next one', async () => {
    const { server, client } = setup()
    server.answering = false
    const lost = client.request('app.info', {})
    const failure = expect(lost).rejects.toThrow(ConnectionError)
    await vi.advanceTimersByTimeAsync(10)
    expect(server.received).toHaveLength(1)
    server.drop()
    await failure

    server.answering = true
    const again = client.request('settings.get', {})
    await vi.runAllTimersAsync()
    await expect(again).resolves.toMatchObject({ language: 'en' })
    expect(server.connections).toBe(2)
  })

  it('retries a refused connection, then gives up with a clear message', async () => {
    const { server, client } = setup()
    server.accepting = false
    const info = client.request('app.info', {})
    const failure = expect(info).rejects.toThrow(/Cannot connect to DL Lab at ws:\/\/127\.0\.0\.1:1234\/api/)
    await vi.runAllTimersAsync()
    await failure
    expect(server.connections).toBe(3)

    server.accepting = true
    const later = client.request('app.info', {})
    await vi.runAllTimersAsync()
    await expect(later).resolves.toMatchObject({ host: 'web' })
  })

  it('sends requests made while connecting once the connection opens', async () => {
    const { server, client } = setup()
    server.accepting = false
    const first = client.request('app.info', {})
    await vi.advanceTimersByTimeAsync(2)
    server.accepting = true
    const second = client.request('settings.get', {})
    await vi.runAllTimersAsync()
    await expect(first).resolves.toMatchObject({ name: 'DL Lab' })
    await expect(second).resolves.toMatchObject({ language: 'en' })
    expect(server.connections).toBe(2)
  })
})
