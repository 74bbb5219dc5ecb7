import { request as httpRequest } from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../main/services/services'
import { tokenCookie, type WebResponse } from '../shared/ipc/web-protocol'
import { startWebServer, type WebServer } from './server'

let dir: string
let server: WebServer
let cookie: string

beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-web-')))
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true })
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>DL Lab</title>')
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT')
  const png = await sharp({ create: { width: 6, height: 6, channels: 3, background: '#336699' } })
    .png()
    .toBuffer()
  for (const path of ['data/cat/1.png', 'data/cat/2.png', 'data/dog/1.png']) {
    await mkdir(join(dir, path, '..'), { recursive: true })
    await writeFile(join(dir, path), png)
  }
  await writeFile(join(dir, 'data', 'dog', 'broken.png'), 'not a png')
  const services = createServices({
    configDir: join(dir, 'config'),
    home: dir,
    host: {
      kind: 'web',
      pickFolder: async () => null,
      browseStart: async () => dir,
      requestedFoldersAreChoices: true,
    },
  })
  server = await startWebServer({ rendererDir: join(dir, 'renderer'), services })
  cookie = `${tokenCookie}=${server.token}`
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

/** A raw HTTP GET (fetch would normalise the path and fix the Host header). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    },
  )
}

/** Opens a WebSocket to /api; resolves when open, or with the HTTP status that refused it. */
function connect(options: { cookie?: string; origin?: string; path?: string }) {
  return new Promise<{ socket: WebSocket } | { refused: number }>((resolve, reject) => {
    const headers: Record<string, string> = options.cookie ? { Cookie: options.cookie } : {}
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${options.path ?? '/api'}`, {
      headers,
      ...(options.origin ? { origin: options.origin } : {}),
    })
    socket.once('open', () => resolve({ socket }))
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 })
      res.resume()
    })
    socket.once('error', reject)
  })
}

async function openApi(): Promise<WebSocket> {
  const result = await connect({ cookie, origin: server.origin })
  if (!('socket' in result)) throw new Error(`refused with ${result.refused}`)
  return result.socket
}

/** Sends raw text and waits for the next answer. */
function exchange(socket: WebSocket, text: string | Buffer): Promise<WebResponse> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString()) as WebResponse))
    socket.send(text)
  })
}

describe('web server: token', () => {
  it('listens on 127.0.0.1 and prints an address with a long random token', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('refuses a request without the token with 403 and a plain message', async () => {
    const res = await get('/')
    expect(res.status).toBe(403)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(res.body).toMatch(/^DL Lab: forbidden\. This address needs the token/)
    expect((await get('/assets/app.js')).status).toBe(403)
  })

  it('refuses a wrong token, in the address or in the cookie', async () => {
    expect((await get('/?token=wrong')).status).toBe(403)
    expect((await get(`/?token=${server.token.slice(0, -1)}x`)).status).toBe(403)
    expect((await get('/', { Cookie: `${tokenCookie}=wrong` })).status).toBe(403)
  })

  it('sets the cookie for the right token and redirects to the address without it', async () => {
    const res = await get(`/?token=${server.token}`)
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/')
    expect(res.headers['set-cookie']).toEqual([
      `${tokenCookie}=${server.token}; Path=/; HttpOnly; SameSite=Strict`,
    ])
    const deeper = await get(`/assets/app.js?v=2&token=${server.token}`)
    expect(deeper.headers.location).toBe('/assets/app.js?v=2')
  })

  it('serves the renderer to the cookie holder with the CSP allowing its own WebSocket', async () => {
    const res = await get('/', { Cookie: cookie })
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>DL Lab</title>')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect((await get('/assets/app.js', { Cookie: `other=1; ${cookie}` })).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    )
  })

  it('refuses path traversal and unknown files with 404', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/missing.js',
    ]) {
      const res = await get(path, { Cookie: cookie })
      expect(res.status, path).toBe(404)
      expect(res.body).not.toContain('TOP-SECRET-CONTENT')
    }
  })

  it('refuses a request for another Host name (DNS rebinding)', async () => {
    const res = await get('/', { Cookie: cookie, Host: `evil.example:${server.port}` })
    expect(res.status).toBe(403)
  })
})

describe('web server: WebSocket API', () => {
  it('refuses a WebSocket without the token cookie', async () => {
    expect(await connect({ origin: server.origin })).toEqual({ refused: 403 })
    expect(await connect({ origin: server.origin, cookie: `${tokenCookie}=wrong` })).toEqual({ refused: 403 })
  })

  it('refuses a WebSocket from another origin, or with none', async () => {
    expect(await connect({ cookie, origin: 'http://evil.example' })).toEqual({ refused: 403 })
    expect(await connect({ cookie, origin: `http://localhost:${server.port}` })).toEqual({ refused: 403 })
    expect(await connect({ cookie })).toEqual({ refused: 403 })
  })

  it('refuses a WebSocket on another path', async () => {
    expect(await connect({ cookie, origin: server.origin, path: '/other' })).toEqual({ refused: 404 })
  })

  it('answers a request over the WebSocket through the shared services', async () => {
    const socket = await openApi()
    try {
      const info = await exchange(socket, JSON.stringify({ id: 1, channel: 'app.info', request: {} }))
      expect(info).toMatchObject({ id: 1, ok: true, response: { name: 'DL Lab', host: 'web' } })

      const scan = await exchange(
        socket,
        JSON.stringify({ id: 2, channel: 'datasets.scanFolder', request: { path: join(dir, 'data') } }),
      )
      expect(scan.ok).toBe(true)
      const result = (
        scan as { response: { classes: { name: string; imageCount: number }[]; problems: unknown[] } }
      ).response
      expect(result.classes.map((c) => [c.name, c.imageCount])).toEqual([
        ['cat', 2],
        ['dog', 1],
      ])
      expect(result.problems).toEqual([
        {
          path: 'dog/broken.png',
          code: 'not-an-image',
          // "not a png"
          params: { head: '6e 6f 74 20' },
          reason: expect.stringMatching(/^not an image/),
        },
      ])

      // A service error crosses the WebSocket with its code and params.
      const missing = join(dir, 'gone')
      const failed = await exchange(
        socket,
        JSON.stringify({ id: 9, channel: 'datasets.scanFolder', request: { path: missing } }),
      )
      expect(failed).toEqual({
        id: 9,
        ok: false,
        error: {
          name: 'FolderError',
          message: `Cannot use the folder ${missing}: it does not exist`,
          code: 'folder-unreadable',
          params: { path: missing, cause: 'missing' },
        },
      })
    } finally {
      socket.close()
    }
  })

  it('answers bad arguments and unknown channels with an error naming them', async () => {
    const socket = await openApi()
    try {
      expect(
        await exchange(
          socket,
          JSON.stringify({ id: 3, channel: 'datasets.scanFolder', request: { path: 5 } }),
        ),
      ).toEqual({
        id: 3,
        ok: false,
        error: {
          name: 'InvalidRequestError',
          message: 'datasets.scanFolder: path: expected string, received number',
        },
      })
      expect(await exchange(socket, JSON.stringify({ id: 4, channel: 'shell.exec', request: {} }))).toEqual({
        id: 4,
        ok: false,
        error: { name: 'UnknownChannelError', message: 'Unknown IPC channel "shell.exec"' },
      })
    } finally {
      socket.close()
    }
  })

  it('answers malformed messages with an error and keeps serving', async () => {
    const socket = await openApi()
    try {
      const notJson = await exchange(socket, '{"id": 1,')
      expect(notJson).toMatchObject({ id: -1, ok: false, error: { name: 'MalformedRequestError' } })
      expect((notJson as { error: { message: string } }).error.message).toMatch(/^not JSON: /)

      expect(await exchange(socket, JSON.stringify({ id: 7, request: {} }))).toEqual({
        id: 7,
        ok: false,
        error: {
          name: 'MalformedRequestError',
          message: 'not a request: channel: expected string, received undefined',
        },
      })
      expect(await exchange(socket, '42')).toMatchObject({ id: -1, ok: false })
      expect(await exchange(socket, Buffer.from([1, 2, 3]))).toMatchObject({
        id: -1,
        error: { message: 'binary messages are not accepted; send JSON text' },
      })
      expect(
        await exchange(socket, JSON.stringify({ id: 8, channel: 'settings.get', request: {} })),
      ).toMatchObject({
        id: 8,
        ok: true,
      })
    } finally {
      socket.close()
    }
  })
})

describe('web server: close', () => {
  it('closes open sockets and stops listening', async () => {
    const other = await startWebServer({
      rendererDir: join(dir, 'renderer'),
      services: createServices({
        configDir: join(dir, 'config2'),
        host: {
          kind: 'web',
          pickFolder: async () => null,
          browseStart: async () => dir,
          requestedFoldersAreChoices: true,
        },
      }),
      token: 'fixed-token-for-this-test',
    })
    expect(other.url).toBe(`http://127.0.0.1:${other.port}/?token=fixed-token-for-this-test`)
    const socket = new WebSocket(`ws://127.0.0.1:${other.port}/api?token=fixed-token-for-this-test`, {
      origin: other.origin,
    })
    await new Promise((resolve) => socket.once('open', resolve))
    const closed = new Promise((resolve) => socket.once('close', resolve))
    await other.close()
    await closed
    await expect(fetch(other.origin)).rejects.toThrow()
  })
})
