import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HostAdapter } from '../services/services'
import { createHandlers } from './handlers'
import { testServices } from './test-support/test-services'

let dir: string
let dataset: string
let picked: string | null

beforeEach(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-handlers-')))
  dataset = join(dir, 'data')
  await mkdir(join(dataset, 'cat'), { recursive: true })
  await writeFile(
    join(dataset, 'cat', '1.png'),
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } })
      .png()
      .toBuffer(),
  )
  await mkdir(join(dir, 'home', 'Documents'), { recursive: true })
  picked = null
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function api(kind: HostAdapter['kind']) {
  const services = testServices(dir, {
    kind,
    pickFolder: async () => picked,
    browseStart: async () => join(dir, 'home'),
  })
  return createHandlers(services)
}

describe('handlers in the desktop app (folders chosen in the native dialog)', () => {
  it('answers app info for the host', async () => {
    const info = await api('electron')['app.info']({})
    expect(info).toMatchObject({ name: 'DL Lab', host: 'electron', platform: process.platform })
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('scans a folder only after the user picked it in the dialog', async () => {
    const handlers = api('electron')
    await expect(handlers['datasets.scanFolder']({ path: dataset })).rejects.toThrow(
      /outside the folders you chose/,
    )
    picked = dataset
    expect(await handlers['folders.pick']({ title: 'Dataset' })).toEqual({ path: dataset })
    const scan = await handlers['datasets.scanFolder']({ path: dataset })
    expect(scan.classes.map((c) => [c.name, c.imageCount])).toEqual([['cat', 1]])
  })

  it('answers a cancelled dialog with null and grants nothing', async () => {
    const handlers = api('electron')
    expect(await handlers['folders.pick']({})).toEqual({ path: null })
    await expect(handlers['datasets.scanFolder']({ path: dataset })).rejects.toThrow(
      /outside the folders you chose/,
    )
  })

  it('lists and sets as workspace only chosen folders', async () => {
    const handlers = api('electron')
    await expect(handlers['folders.list']({ path: dir })).rejects.toThrow(/outside the folders you chose/)
    await expect(handlers['settings.update']({ workspace: dataset })).rejects.toThrow(
      /outside the folders you chose/,
    )
    picked = dataset
    await handlers['folders.pick']({})
    expect((await handlers['folders.list']({ path: dataset })).folders.map((f) => f.name)).toEqual(['cat'])
    expect((await handlers['settings.update']({ workspace: dataset })).workspace).toBe(dataset)
    expect((await handlers['settings.get']({})).workspace).toBe(dataset)
  })
})

describe('handlers in web mode (folders chosen in the in-app browser)', () => {
  it('starts the folder browser at the host start folder', async () => {
    const listing = await api('web')['folders.list']({})
    expect(listing.path).toBe(join(dir, 'home'))
    expect(listing.folders.map((f) => f.name)).toEqual(['Documents'])
  })

  it('treats a scanned folder as chosen: it is scanned and stays readable', async () => {
    const handlers = api('web')
    const scan = await handlers['datasets.scanFolder']({ path: join(dataset, 'cat', '..') })
    expect(scan.root).toBe(dataset)
    expect(scan.totalImages).toBe(1)
  })

  it('defaults the workspace to Documents/DL Lab and accepts a chosen folder', async () => {
    const handlers = api('web')
    expect(await handlers['settings.get']({})).toEqual({
      workspace: join(dir, 'home', 'Documents', 'DL Lab'),
      language: 'en',
      trainingProcesses: expect.any(Number),
    })
    expect(await handlers['settings.update']({ workspace: dataset, language: 'ja' })).toEqual({
      workspace: dataset,
      language: 'ja',
      trainingProcesses: expect.any(Number),
    })
  })
})
