import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Settings } from '../../shared/ipc/contract'
import { SettingsError } from './errors'
import { SettingsStore, defaultWorkspace, settingsFileName, systemLanguage } from './settings'

let dir: string
let configDir: string
let warnings: string[]
const logger = { warn: (message: string) => void warnings.push(message) }
let defaults: Settings

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-settings-'))
  configDir = join(dir, 'config')
  warnings = []
  defaults = { workspace: join(dir, 'Documents', 'DL Lab'), language: 'en', trainingProcesses: 2 }
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const store = () => new SettingsStore({ configDir, defaults, logger })

describe('SettingsStore', () => {
  it('answers the defaults when there is no settings file, without a warning', async () => {
    expect(await store().get()).toEqual(defaults)
    expect(warnings).toEqual([])
  })

  it('persists changes as JSON and reads them back in a new store', async () => {
    const workspace = join(dir, 'work')
    await mkdir(workspace)
    const updated = await store().update({ language: 'ja', workspace })
    expect(updated).toEqual({ language: 'ja', workspace, trainingProcesses: 2 })

    const json = JSON.parse(await readFile(join(configDir, settingsFileName), 'utf8'))
    expect(json).toEqual({ format: 'dllab.settings/1', language: 'ja', workspace, trainingProcesses: 2 })
    expect(await store().get()).toEqual({ language: 'ja', workspace, trainingProcesses: 2 })
    expect(await readdir(configDir)).toEqual([settingsFileName])
  })

  it('applies a partial change and keeps the other settings', async () => {
    const s = store()
    await s.update({ language: 'ja' })
    expect(await s.get()).toEqual({ ...defaults, language: 'ja' })
  })

  it('serialises concurrent updates so none is lost', async () => {
    const workspace = join(dir, 'work')
    await mkdir(workspace)
    const s = store()
    await Promise.all([s.update({ language: 'ja' }), s.update({ workspace })])
    expect(await store().get()).toEqual({ language: 'ja', workspace, trainingProcesses: 2 })
  })

  it('falls back to the defaults with a warning when the file is not JSON', async () => {
    await mkdir(configDir, { recursive: true })
    await writeFile(join(configDir, settingsFileName), '{"language": "ja", ')
    expect(await store().get()).toEqual(defaults)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('is not valid JSON')
  })

  it('keeps the readable fields of a file with an invalid one, and warns', async () => {
    await mkdir(configDir, { recursive: true })
    const workspace = join(dir, 'kept')
    await writeFile(join(configDir, settingsFileName), JSON.stringify({ workspace, language: 'fr' }))
    expect(await store().get()).toEqual({ workspace, language: 'en', trainingProcesses: 2 })
    expect(warnings[0]).toMatch(/invalid values \(language: .*\); using defaults for them/)
  })

  it('treats a file that is not an object as corrupt', async () => {
    await mkdir(configDir, { recursive: true })
    await writeFile(join(configDir, settingsFileName), '[1, 2]')
    expect(await store().get()).toEqual(defaults)
    expect(warnings).toHaveLength(1)
  })

  it('refuses a workspace that is relative, missing or a file, and keeps the old one', async () => {
    const s = store()
    await expect(s.update({ workspace: 'runs' })).rejects.toThrow(SettingsError)
    await expect(s.update({ workspace: 'runs' })).rejects.toThrow(
      'The workspace must be an absolute path; got "runs"',
    )
    await expect(s.update({ workspace: join(dir, 'missing') })).rejects.toThrow(/does not exist/)
    await writeFile(join(dir, 'file'), 'x')
    await expect(s.update({ workspace: join(dir, 'file') })).rejects.toThrow(/it is not a folder/)
    expect(await s.get()).toEqual(defaults)
    // A failed update does not block the next one.
    expect((await s.update({ language: 'ja' })).language).toBe('ja')
  })
})

describe('defaultWorkspace', () => {
  it('uses the documents folder the OS names, else ~/Documents, else the home folder', async () => {
    const docs = join(dir, 'Docs')
    await mkdir(docs)
    expect(defaultWorkspace(dir, docs)).toBe(join(docs, 'DL Lab'))
    expect(defaultWorkspace(dir)).toBe(join(dir, 'DL Lab'))
    await mkdir(join(dir, 'Documents'))
    expect(defaultWorkspace(dir)).toBe(join(dir, 'Documents', 'DL Lab'))
    expect(defaultWorkspace(dir, join(dir, 'gone'))).toBe(join(dir, 'Documents', 'DL Lab'))
  })
})

describe('systemLanguage', () => {
  it('is Japanese for a Japanese first locale, English otherwise', () => {
    expect(systemLanguage(['ja-JP', 'en-US'])).toBe('ja')
    expect(systemLanguage(['ja'])).toBe('ja')
    expect(systemLanguage(['en-GB', 'ja'])).toBe('en')
    expect(systemLanguage([])).toBe('en')
  })
})
