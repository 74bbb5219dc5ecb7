import { describe, expect, it } from 'vitest'
import { withFakeApi } from '../test-support/with-fake-api'
import { useErrorsStore } from './errors'
import { useSettingsStore } from './settings'

const files = { home: { user: { 'DL Lab': {}, runs: {} } } }
const settings = { workspace: '/home/user/DL Lab', language: 'en', trainingProcesses: 2 } as const

describe('useSettingsStore', () => {
  it('loads what the service has saved', async () => {
    withFakeApi({ files, settings: { workspace: '/home/user/runs', language: 'ja', trainingProcesses: 2 } })
    const store = useSettingsStore()
    expect(store.loaded).toBe(false)
    await store.load()
    expect(store.loaded).toBe(true)
    expect(store.workspace).toBe('/home/user/runs')
    expect(store.language).toBe('ja')
  })

  it('shows a new language at once and saves it', async () => {
    const fake = withFakeApi({ files, settings })
    const store = useSettingsStore()
    await store.load()
    const saving = store.setLanguage('ja')
    expect(store.language).toBe('ja')
    expect(await saving).toBe(true)
    expect(fake.saved.language).toBe('ja')
  })

  it('rolls the language back and reports the error when saving fails', async () => {
    const fake = withFakeApi({ files, settings })
    const store = useSettingsStore()
    await store.load()
    fake.failNext('settings.update', 'Cannot write settings.json: disk full')
    expect(await store.setLanguage('ja')).toBe(false)
    expect(store.language).toBe('en')
    expect(fake.saved.language).toBe('en')
    expect(useErrorsStore().errors.map((e) => e.message)).toEqual(['Cannot write settings.json: disk full'])
  })

  it('rolls a refused workspace back to the saved one', async () => {
    const fake = withFakeApi({ files, settings })
    const store = useSettingsStore()
    await store.load()
    expect(await store.setWorkspace('/nowhere')).toBe(false)
    expect(store.workspace).toBe('/home/user/DL Lab')
    expect(useErrorsStore().errors[0]?.message).toBe('Folder not found: /nowhere')

    expect(await store.setWorkspace('/home/user/runs')).toBe(true)
    expect(store.workspace).toBe('/home/user/runs')
    expect(fake.saved.workspace).toBe('/home/user/runs')
  })

  it('lets the latest of overlapping changes decide what is shown', async () => {
    const fake = withFakeApi({ files, settings })
    const store = useSettingsStore()
    await store.load()
    const release = fake.hold('settings.update')
    fake.failNext('settings.update', 'first change refused')
    const first = store.setLanguage('ja')
    const second = store.setWorkspace('/home/user/runs')
    release()
    expect(await first).toBe(false)
    expect(await second).toBe(true)
    // The failed first change did not roll back over the second; the service saved only the second.
    expect(store.workspace).toBe('/home/user/runs')
    expect(store.language).toBe('en')
    expect(fake.saved).toEqual({ workspace: '/home/user/runs', language: 'en', trainingProcesses: 2 })
  })

  it('loads and saves how many training processes run at once', async () => {
    const fake = withFakeApi({ files, settings: { ...settings, trainingProcesses: 4 } })
    const store = useSettingsStore()
    await store.load()
    expect(store.trainingProcesses).toBe(4)
    const saving = store.setTrainingProcesses(3)
    expect(store.trainingProcesses).toBe(3)
    expect(await saving).toBe(true)
    expect(fake.saved.trainingProcesses).toBe(3)
    expect(fake.calls.at(-1)).toEqual({ channel: 'settings.update', request: { trainingProcesses: 3 } })
  })

  it('rolls a refused number of training processes back to the saved one', async () => {
    const fake = withFakeApi({ files, settings })
    const store = useSettingsStore()
    await store.load()
    expect(await store.setTrainingProcesses(17)).toBe(false)
    expect(store.trainingProcesses).toBe(2)
    expect(fake.saved.trainingProcesses).toBe(2)
    expect(useErrorsStore().errors[0]?.message).toBe(
      'trainingProcesses must be an integer from 1 to 16 (got 17)',
    )
  })

  it('reports a failed load and keeps the defaults', async () => {
    const fake = withFakeApi({ files, settings })
    fake.failNext('settings.get', 'settings.json is not valid JSON')
    const store = useSettingsStore()
    await store.load()
    expect(store.loaded).toBe(false)
    expect(store.language).toBe('en')
    expect(useErrorsStore().errors[0]?.message).toBe('settings.json is not valid JSON')
  })
})
