import WebSocket from 'ws'
import { expect, test } from './support/fixtures'
import type { WebServer } from './support/web-server'

/** Opens the API WebSocket as a client outside the browser would; the HTTP status when refused. */
function openApiSocket(server: WebServer, headers: Record<string, string>): Promise<WebSocket | number> {
  const url = `${server.origin.replace('http', 'ws')}/api`
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.once('error', reject)
  })
}

/** The session cookie the server sets for the address it printed. */
async function sessionCookie(server: WebServer): Promise<string> {
  const response = await fetch(server.url, { redirect: 'manual' })
  const cookie = response.headers.getSetCookie()[0]
  if (!cookie) throw new Error(`no cookie from ${server.url} (status ${response.status})`)
  return cookie.split(';')[0] as string
}

test('a request without the right token is refused with 403', async ({ server }) => {
  for (const path of ['/', '/index.html', '/favicon.svg', '/?token=wrong', `/?token=${server.token}x`]) {
    const response = await fetch(server.origin + path, { redirect: 'manual' })
    expect(response.status, path).toBe(403)
  }
  // The address it printed works, and its cookie then opens the app without the token.
  const cookie = await sessionCookie(server)
  const page = await fetch(`${server.origin}/`, { headers: { cookie } })
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<div id="app"></div>')
})

test('the API WebSocket is refused without the cookie or from another origin', async ({ server }) => {
  const cookie = await sessionCookie(server)
  expect(await openApiSocket(server, { Origin: server.origin })).toBe(403)
  expect(await openApiSocket(server, { Origin: server.origin, Cookie: 'dllab_token=wrong' })).toBe(403)
  expect(await openApiSocket(server, { Origin: 'http://evil.example', Cookie: cookie })).toBe(403)

  // With the cookie, from the page's own origin, it answers the API.
  const socket = await openApiSocket(server, { Origin: server.origin, Cookie: cookie })
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`)
  const answer = new Promise<unknown>((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)))),
  )
  socket.send(JSON.stringify({ id: 7, channel: 'app.info', request: {} }))
  expect(await answer).toMatchObject({ id: 7, ok: true, response: { name: 'DL Lab', host: 'web' } })
  socket.close()
})

test('the page in the browser refuses to work without the token', async ({ page, server }) => {
  const response = await page.goto(server.origin)
  expect(response?.status()).toBe(403)
  await expect(page.getByText('needs the token')).toBeVisible()
})
