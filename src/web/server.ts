import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { createDispatch } from '../main/ipc/dispatch'
import { createHandlers } from '../main/ipc/handlers'
import { securityHeaders } from '../main/protocol/app-protocol'
import { resolveRendererFile } from '../main/protocol/renderer-files'
import { contentSecurityPolicy } from '../main/security/csp'
import type { Services } from '../main/services/services'
import { webApiPath } from '../shared/ipc/web-protocol'
import { serveApiSocket } from './api-socket'
import { broadcastTrainingEvent } from './training-events'
import { createToken, hasToken, tokenCookieHeader, tokensEqual } from './token'

export interface WebServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Interface to listen on; 127.0.0.1 unless a test says otherwise. */
  host?: string
  /** The built renderer (out/renderer). */
  rendererDir: string
  services: Services
  /** The per-launch token; a random one by default. */
  token?: string
}

export interface WebServer {
  /** The address to open, token included: http://127.0.0.1:PORT/?token=… */
  url: string
  /** http://127.0.0.1:PORT */
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

/** Largest WebSocket message accepted (requests are small JSON objects). */
const maxMessageBytes = 1 << 20

const forbiddenText =
  'DL Lab: forbidden. This address needs the token printed in the terminal when `npm run web` started; ' +
  'open the full address shown there (http://127.0.0.1:PORT/?token=…).'

/**
 * Web mode's server: the built renderer over HTTP and the typed API over a WebSocket at /api, both
 * only for holders of the per-launch token (web-protocol.ts describes the handshake), only on the
 * loopback interface, only under the Host names it was started with (no DNS rebinding), and the
 * WebSocket only from the server's own origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? createToken()
  const dispatch = createDispatch(createHandlers(options.services))
  let port = options.port ?? 0
  let headers: Record<string, string> = {}

  const allowedHosts = (): string[] =>
    host === '127.0.0.1' ? [`127.0.0.1:${port}`, `localhost:${port}`] : [`${host}:${port}`]
  const hostAllowed = (req: IncomingMessage) => allowedHosts().includes(req.headers.host ?? '')
  const requestUrl = (req: IncomingMessage) => new URL(req.url ?? '/', `http://${req.headers.host ?? host}`)

  function plain(
    res: ServerResponse,
    status: number,
    message: string,
    extra: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...extra,
    })
    res.end(message)
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return plain(res, 403, 'DL Lab: forbidden (unexpected Host header).')
    const url = requestUrl(req)
    const queryToken = url.searchParams.get('token')
    if (queryToken !== null) {
      if (!tokensEqual(queryToken, token)) return plain(res, 403, forbiddenText)
      url.searchParams.delete('token')
      return plain(res, 303, 'Signed in; continuing without the token in the address.', {
        'Set-Cookie': tokenCookieHeader(token),
        Location: url.pathname + url.search,
      })
    }
    if (!hasToken(url, req.headers.cookie, token)) return plain(res, 403, forbiddenText)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
    if (url.pathname === webApiPath)
      return plain(res, 426, 'Use a WebSocket for /api', { Upgrade: 'websocket' })

    const file = await resolveRendererFile(options.rendererDir, url.pathname)
    if (file.status !== 200) return plain(res, file.status, file.message)
    res.writeHead(200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Cache-Control': 'no-cache',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes })
  sockets.on('connection', (socket) => serveApiSocket(socket, dispatch))
  const stopEvents = options.services.training?.subscribe((event) =>
    broadcastTrainingEvent(sockets.clients, event),
  )

  function refuseUpgrade(socket: Duplex, status: string, message: string): void {
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
    )
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    if (!hostAllowed(req))
      return refuseUpgrade(socket, '403 Forbidden', 'DL Lab: forbidden (unexpected Host header).')
    const url = requestUrl(req)
    if (url.pathname !== webApiPath)
      return refuseUpgrade(socket, '404 Not Found', `No WebSocket at ${url.pathname}`)
    if (req.headers.origin !== `http://${req.headers.host}`) {
      return refuseUpgrade(socket, '403 Forbidden', 'DL Lab: forbidden (WebSocket from another origin).')
    }
    if (!hasToken(url, req.headers.cookie, token))
      return refuseUpgrade(socket, '403 Forbidden', forbiddenText)
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req))
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'DL Lab: internal error')
      else res.destroy()
    })
  })
  server.on('upgrade', onUpgrade)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://${host}:${port}`
  headers = securityHeaders(
    contentSecurityPolicy({ connect: [`ws://${host}:${port}`, `ws://localhost:${port}`] }),
  )

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      stopEvents?.()
      for (const client of sockets.clients) client.terminate()
      await new Promise<void>((resolve) => sockets.close(() => resolve()))
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
