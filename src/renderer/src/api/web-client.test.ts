import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelName, IpcEvents } from '../../../shared/ipc/contract'
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

  /** A message pushed without a request (web mode's training events). */
  push(message: unknown): void {
    this.client?.message(typeof message === 'string' ? message : JSON.stringify(message))
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

  it("keeps an error answer's code and params, dropping params that are not strings or numbers", async () => {
    const { server, client } = setup()
    server.answering = false
    const listing = client.request('folders.list', { path: '/elsewhere' })
    await vi.advanceTimersByTimeAsync(10)
    const params = { path: '/elsewhere', depth: 2, nested: { no: 1 }, flag: true }
    const error = {
      name: 'FolderAccessError',
      message: '/elsewhere is outside',
      code: 'outside-allowed-folders',
    }
    server.push({ id: server.received[0]!.id, ok: false, error: { ...error, params } })
    const failure = (await listing.catch((e: unknown) => e)) as ApiError
    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({
      message: '/elsewhere is outside',
      remoteName: 'FolderAccessError',
      code: 'outside-allowed-folders',
      channel: 'folders.list',
    })
    expect(failure.params).toEqual({ path: '/elsewhere', depth: 2 })
  })

  it('times out a request that gets no answer', async () => {
    const { server, client } = setup({ timeoutMs: 5000 })
    server.answering = false
    const info = client.request('app.info', {})
    const failure = expect(info).rejects.toThrow(new ApiTimeoutError('app.info', 5))
    await vi.advanceTimersByTimeAsync(5001)
    await failure
    await expect(info).rejects.toMatchObject({
      message: "'app.info' got no answer within 5 s",
      code: 'timeout',
      params: { channel: 'app.info', seconds: 5 },
    })
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
    await expect(lost).rejects.toMatchObject({ code: 'connection-lost', params: { channel: 'app.info' } })

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
    await expect(info).rejects.toMatchObject({
      code: 'connection-failed',
      params: { url: 'ws://127.0.0.1:1234/api' },
    })
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

const progress: IpcEvents['training.progress'] = {
  type: 'progress',
  runId: '20251127-200850123-3f9a0c',
  job: 'train',
  progress: {
    stage: 'train',
    epoch: 1,
    epochs: 3,
    batch: 40,
    batchesPerEpoch: 100,
    step: 40,
    totalSteps: 300,
    loss: 0.5,
    accuracy: 0.8,
    samplesPerSecond: 900,
    etaSeconds: 12,
  },
}

describe('WebClient events', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('connects when the first listener subscribes and hands pushed events to their listeners', async () => {
    const { server, client } = setup()
    const received: unknown[] = []
    const states: unknown[] = []
    client.on('training.progress', (payload) => received.push(payload))
    client.on('training.state', (payload) => states.push(payload))
    expect(server.connections).toBe(1)
    await vi.advanceTimersByTimeAsync(1)

    server.push({ event: 'training.progress', payload: progress })
    expect(received).toEqual([progress])
    expect(states).toEqual([])
    expect(server.connections).toBe(1)
  })

  it('ignores unknown events, malformed payloads and text that is not JSON', async () => {
    const { server, client } = setup()
    const received: unknown[] = []
    client.on('training.progress', (payload) => received.push(payload))
    await vi.advanceTimersByTimeAsync(1)

    server.push({ event: 'training.unknown', payload: progress })
    server.push({ event: 'training.progress', payload: null })
    server.push({ event: 'training.progress', payload: { ...progress, type: 'epoch' } })
    server.push({ event: 42, payload: progress })
    server.push('{not json')
    expect(received).toEqual([])
    server.push({ event: 'training.progress', payload: progress })
    expect(received).toEqual([progress])
  })

  it('refuses to subscribe to a name that is not an event', () => {
    const { server, client } = setup()
    const on = client.on.bind(client) as (event: string, callback: () => void) => () => void
    expect(() => on('training.start', () => {})).toThrow("Unknown event 'training.start'")
    expect(server.connections).toBe(0)
  })

  it('stops calling a listener once it unsubscribes, and keeps calling the others', async () => {
    const { server, client } = setup()
    const first: unknown[] = []
    const second: unknown[] = []
    const offFirst = client.on('training.progress', (payload) => first.push(payload))
    client.on('training.progress', (payload) => second.push(payload))
    await vi.advanceTimersByTimeAsync(1)
    offFirst()
    server.push({ event: 'training.progress', payload: progress })
    expect(first).toEqual([])
    expect(second).toEqual([progress])
  })

  it("a listener's exception goes to onListenerError and does not stop the others", async () => {
    const server = new FakeServer(createFakeApi())
    const errors: unknown[] = []
    const client = new WebClient({
      url: 'ws://127.0.0.1:1234/api',
      socketFactory: server.factory,
      onListenerError: (error) => errors.push(error),
    })
    const received: unknown[] = []
    client.on('training.progress', () => {
      throw new Error('listener broke')
    })
    client.on('training.progress', (payload) => received.push(payload))
    await vi.advanceTimersByTimeAsync(1)
    server.push({ event: 'training.progress', payload: progress })
    expect(errors).toEqual([new Error('listener broke')])
    expect(received).toEqual([progress])
  })

  it('reconnects while anyone listens and then runs the onReconnect callbacks', async () => {
    const { server, client } = setup()
    let reconnects = 0
    const received: unknown[] = []
    client.onReconnect(() => (reconnects += 1))
    client.on('training.progress', (payload) => received.push(payload))
    await vi.advanceTimersByTimeAsync(1)
    expect(reconnects).toBe(0)

    server.drop()
    await vi.advanceTimersByTimeAsync(1)
    expect(server.connections).toBe(2)
    expect(reconnects).toBe(1)
    server.push({ event: 'training.progress', payload: progress })
    expect(received).toEqual([progress])
  })

  it('keeps retrying a refused connection while anyone listens, without reconnect callbacks before it opens', async () => {
    const { server, client } = setup()
    let reconnects = 0
    const off = client.onReconnect(() => (reconnects += 1))
    client.on('training.state', () => {})
    await vi.advanceTimersByTimeAsync(1)
    server.accepting = false
    server.drop()
    // Connects at once, then after 10 ms and 20 ms, then every 20 ms.
    await vi.advanceTimersByTimeAsync(1 + 10 + 1 + 20 + 1 + 20 + 1)
    expect(server.connections).toBe(5)
    expect(reconnects).toBe(0)

    server.accepting = true
    await vi.advanceTimersByTimeAsync(21)
    expect(server.connections).toBe(6)
    expect(reconnects).toBe(1)

    off()
    server.drop()
    await vi.advanceTimersByTimeAsync(1)
    expect(reconnects).toBe(1)
  })

  it('does not reconnect for nobody: no listener and no request leaves the connection closed', async () => {
    const { server, client } = setup()
    const off = client.on('training.state', () => {})
    await vi.advanceTimersByTimeAsync(1)
    off()
    server.drop()
    await vi.runAllTimersAsync()
    expect(server.connections).toBe(1)
  })
})
