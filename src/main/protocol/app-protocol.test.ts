import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../security/csp'
import { appSchemePrivileges, createAppProtocolHandler } from './app-protocol'

let dir: string
let handle: (request: Request) => Promise<Response>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-protocol-'))
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true })
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>DL Lab</title>')
  await writeFile(join(dir, 'renderer', 'assets', 'engine.wasm'), new Uint8Array([0, 97, 115, 109]))
  await writeFile(join(dir, 'secret.txt'), 'secret')
  handle = createAppProtocolHandler(join(dir, 'renderer'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme with fetch support', () => {
    expect(appSchemePrivileges).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    })
  })

  it('serves the built renderer with the CSP on every response', async () => {
    const index = await handle(new Request('app://dllab/'))
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await index.text()).toContain('<title>DL Lab</title>')

    const wasm = await handle(new Request('app://dllab/assets/engine.wasm'))
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]))

    const missing = await handle(new Request('app://dllab/nope.js'))
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
  })

  it('refuses path traversal, other hosts and other methods', async () => {
    expect((await handle(new Request('app://dllab/%2e%2e/secret.txt'))).status).toBe(404)
    expect((await handle(new Request('app://dllab/..%2fsecret.txt'))).status).toBe(404)
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404)
    expect((await handle(new Request('app://dllab/index.html', { method: 'POST', body: 'x' }))).status).toBe(
      405,
    )
  })

  it('answers HEAD without a body', async () => {
    const head = await handle(new Request('app://dllab/index.html', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
