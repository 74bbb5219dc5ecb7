import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebResponse } from '../shared/ipc/web-protocol'
import { PREFERRED_WEB_PORT, WebModeError, announcement, configDirFor, portFor, runWebMode } from './run'

let dir: string
beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-run-')))
  await mkdir(join(dir, 'renderer'))
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>')
  await mkdir(join(dir, 'home', 'datasets'), { recursive: true })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('web mode settings from the environment', () => {
  it('keeps settings in $DLLAB_CONFIG_DIR, else $XDG_CONFIG_HOME/dllab, else ~/.config/dllab', () => {
    expect(configDirFor({ DLLAB_CONFIG_DIR: '/tmp/cfg' })).toBe('/tmp/cfg')
    expect(configDirFor({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/dllab')
    expect(configDirFor({}, '/home/u')).toBe('/home/u/.config/dllab')
  })

  it('listens on $DLLAB_PORT, else the preferred port, and refuses a bad port', () => {
    expect(portFor({})).toBeUndefined()
    expect(portFor({ DLLAB_PORT: '' })).toBeUndefined()
    expect(portFor({ DLLAB_PORT: '0' })).toBe(0)
    expect(portFor({ DLLAB_PORT: '8123' })).toBe(8123)
    expect(() => portFor({ DLLAB_PORT: 'http' })).toThrow(WebModeError)
    expect(() => portFor({ DLLAB_PORT: '70000' })).toThrow(
      'DLLAB_PORT must be a port number from 0 to 65535; got "70000"',
    )
  })

  it('announces the address in the line tests and users read', () => {
    expect(announcement('http://127.0.0.1:4000/?token=abc')).toBe(
      'DL Lab web mode: open http://127.0.0.1:4000/?token=abc in your browser',
    )
  })
})

describe('runWebMode', () => {
  it('listens on the same preferred port each launch, and on a free one while that is taken', async () => {
    const env = { DLLAB_CONFIG_DIR: join(dir, 'config'), DLLAB_HOME: join(dir, 'home') }
    const first = await runWebMode(env, join(dir, 'renderer'))
    try {
      expect(first.port).toBe(PREFERRED_WEB_PORT)
      const second = await runWebMode(env, join(dir, 'renderer'))
      expect(second.port).not.toBe(PREFERRED_WEB_PORT)
      await second.shutdown()
    } finally {
      await first.shutdown()
    }
  })

  it('says to build first when the renderer is missing', async () => {
    await expect(runWebMode({}, join(dir, 'nothing'))).rejects.toThrow(
      /The renderer is not built .*run `npm run build`/,
    )
  })

  it('serves the web host: home and folder browser from $DLLAB_HOME, no native dialog', async () => {
    const server = await runWebMode(
      { DLLAB_CONFIG_DIR: join(dir, 'config'), DLLAB_HOME: join(dir, 'home') },
      join(dir, 'renderer'),
    )
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/)
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
        origin: server.origin,
      })
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
      const ask = (id: number, channel: string) =>
        new Promise<WebResponse>((resolve) => {
          socket.once('message', (data) => resolve(JSON.parse(data.toString()) as WebResponse))
          socket.send(JSON.stringify({ id, channel, request: {} }))
        })
      expect(await ask(1, 'folders.list')).toMatchObject({
        ok: true,
        response: {
          path: join(dir, 'home'),
          folders: [{ name: 'datasets', path: join(dir, 'home', 'datasets') }],
        },
      })
      expect(await ask(2, 'folders.pick')).toEqual({
        id: 2,
        ok: false,
        error: {
          name: 'HostError',
          message: 'folders.pick: web mode has no native folder dialog; choose folders with folders.list',
        },
      })
      expect(await ask(3, 'app.info')).toMatchObject({ ok: true, response: { host: 'web' } })
      expect(await ask(4, 'settings.get')).toMatchObject({
        ok: true,
        response: { workspace: join(dir, 'home', 'DL Lab') },
      })
      socket.close()
    } finally {
      await server.close()
    }
  })

  it('starts the folder browser in the home folder without $DLLAB_HOME', async () => {
    const server = await runWebMode({ DLLAB_CONFIG_DIR: join(dir, 'config') }, join(dir, 'renderer'))
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
        origin: server.origin,
      })
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
      const answer = await new Promise<WebResponse>((resolve) => {
        socket.once('message', (data) => resolve(JSON.parse(data.toString()) as WebResponse))
        socket.send(JSON.stringify({ id: 1, channel: 'folders.list', request: {} }))
      })
      expect(answer).toMatchObject({ ok: true, response: { path: homedir() } })
      socket.close()
    } finally {
      await server.close()
    }
  })
})
